// MAIN-world hook: see the recorder issue. Placeholder until it lands.
export {};
