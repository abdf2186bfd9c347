// `npm start`'s browser: Chromium run as root gets --no-sandbox (without it, it exits at once), and only then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webExtRunArgs } from '../../scripts/webExtArgs.mjs';

const base = { demoUrl: 'http://localhost:8700/', exists: () => true };

test('Chromium as root gets --no-sandbox; as another user, and Firefox, do not', () => {
  assert.ok(webExtRunArgs({ ...base, firefox: false, isRoot: true }).includes('--arg=--no-sandbox'));
  assert.ok(!webExtRunArgs({ ...base, firefox: false, isRoot: false }).includes('--arg=--no-sandbox'));
  assert.ok(!webExtRunArgs({ ...base, firefox: true, isRoot: true }).some((a) => a.includes('no-sandbox')));
});

test('the built extension and the demo page are what web-ext runs', () => {
  const args = webExtRunArgs({ ...base, firefox: false, isRoot: false });
  assert.deepEqual(args.slice(0, 5), ['run', '--target', 'chromium', '--source-dir', 'dist/chrome']);
  assert.deepEqual(args.slice(-3), ['--start-url', 'http://localhost:8700/', '--no-reload']);
});
