// Build-time constants defined by scripts/build.mjs.
declare const __BROWSER__: 'chrome' | 'firefox';
