// `npm start`: builds the extension, starts the demo relying party (test/server, verified with
// @simplewebauthn/server) and opens a browser with the extension loaded on the demo page, through
// web-ext run. Chromium by default; `npm start -- --firefox` for Firefox; `--no-browser` to only serve.
// With no display it says so and prints what to load by hand, and keeps serving.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webExtRunArgs } from './webExtArgs.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const PORT = Number(process.env.DEMO_PORT ?? 8700);
const demoUrl = `http://localhost:${PORT}/`;

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const children = [];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const server = spawn(process.execPath, ['--import', 'tsx', 'test/server/main.ts', String(PORT), String(PORT + 1)], {
  cwd: root,
  stdio: 'inherit',
});
children.push(server);
server.on('exit', (code) => {
  console.error(`demo server stopped (${code})`);
  process.exit(code ?? 1);
});

const byHand = (why) =>
  console.log(`
${why}
Demo relying party: ${demoUrl}   (bad RP: ${demoUrl}bad-rp.html, frames: ${demoUrl}frame-host.html)
Load the extension by hand:
  Chromium: chrome://extensions → Developer mode → Load unpacked → ${join(root, 'dist', 'chrome')}
  Firefox:  about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${join(root, 'dist', 'firefox', 'manifest.json')}
Then open DevTools → "WebAuthn" on the demo page. Ctrl-C stops the server.`);

const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (args.includes('--no-browser')) byHand('Not opening a browser (--no-browser).');
else if (!hasDisplay) byHand('No display ($DISPLAY and $WAYLAND_DISPLAY are unset): not opening a browser.');
else {
  const webExt = join(root, 'node_modules', '.bin', 'web-ext');
  const isRoot = process.getuid?.() === 0;
  const browser = spawn(webExt, webExtRunArgs({ firefox, isRoot, demoUrl, exists: existsSync }), {
    cwd: root,
    stdio: 'inherit',
  });
  children.push(browser);
  browser.on('exit', (code) => {
    if (code) byHand(`The browser could not be started (web-ext exited with ${code}).`);
    else stop();
  });
}
