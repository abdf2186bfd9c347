// `npm start`: builds the extension and says where to load it from. (The demo relying-party server and
// the browser launch join this script with the recorder's test server.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = spawnSync(process.execPath, ['scripts/build.mjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
console.log(`
Built. Load the extension by hand:
  Chromium: chrome://extensions → Developer mode → Load unpacked → ${join(root, 'dist', 'chrome')}
  Firefox:  about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${join(root, 'dist', 'firefox', 'manifest.json')}
Then open DevTools on any page and pick the "WebAuthn" panel.`);
