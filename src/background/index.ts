// Background service worker entry. Placeholder until the recorder lands.
export {};
