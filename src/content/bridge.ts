// ISOLATED-world bridge: see the recorder issue. Placeholder until it lands.
export {};
