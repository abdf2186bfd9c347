// The examples a user copies (examples/) run as they are, each in its own Node process and browser: what
// the README points to keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
// Without NODE_TEST_CONTEXT: a `node --test` inside a test would report to this runner instead of printing.
const { NODE_TEST_CONTEXT: _, ...env } = process.env;
const runExample = (args: string[]) =>
  spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000, env });

test('examples/playwright-chromium.test.mjs passes', () => {
  const r = runExample(['--test', join(root, 'examples', 'playwright-chromium.test.mjs')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /# pass 1/);
});

test('examples/puppeteer-firefox.mjs runs to its end', () => {
  const r = runExample([join(root, 'examples', 'puppeteer-firefox.mjs')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /credential added: [A-Za-z0-9_-]+\n/);
  assert.match(r.stdout, /^ok: signed up in Firefox/m);
});
