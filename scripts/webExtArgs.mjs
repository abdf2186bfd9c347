// The arguments `npm start` gives `web-ext run`: which browser, the built extension, the demo page.
// Chromium refuses to start as root without --no-sandbox (web-ext then only says the CDP connection closed), so
// it gets the flag then, and only then.
/**
 * @param {{ firefox: boolean; isRoot: boolean; demoUrl: string; exists: (path: string) => boolean }} o
 * @returns {string[]}
 */
export function webExtRunArgs({ firefox, isRoot, demoUrl, exists }) {
  const target = firefox
    ? [
        '--target',
        'firefox-desktop',
        '--source-dir',
        'dist/firefox',
        ...(exists('/usr/bin/firefox-esr') ? ['--firefox', '/usr/bin/firefox-esr'] : []),
      ]
    : [
        '--target',
        'chromium',
        '--source-dir',
        'dist/chrome',
        ...(exists('/usr/bin/chromium') ? ['--chromium-binary', '/usr/bin/chromium'] : []),
        ...(isRoot ? ['--arg=--no-sandbox'] : []),
      ];
  return ['run', ...target, '--start-url', demoUrl, '--no-reload'];
}
