// The test command ends, whatever a test file does: a file that overruns its timeout with a browser open is
// stopped with its browser, and the test it was running is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Runs node with `args`; a process that has not ended after `limitMs` is killed (code null). */
function run(args: string[], env: NodeJS.ProcessEnv, limitMs = 60_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    // Without the runner's own marker, which would make the inner runner skip its files.
    const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
    const child = spawn(process.execPath, args, { cwd: root, env: { ...outer, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, out });
    });
  });
}

/** Chromium processes whose profile lies under `dir`. */
function browsersUnder(dir: string): Promise<string> {
  return run(
    ['-e', `require('child_process').exec('pgrep -af chromium', (e, o) => process.stdout.write(o ?? ''))`],
    {},
  ).then(({ out }) =>
    out
      .split('\n')
      .filter((l) => l.includes(dir))
      .join('\n'),
  );
}

test('a file that overruns its timeout with a browser open is stopped, its browser with it, and its test named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-runner-'));
  const notes = join(dir, 'stopped.txt');
  try {
    const { code, out } = await run(
      [
        '--import',
        'tsx',
        '--import',
        './test/helpers/exitWhenStopped.ts',
        '--test',
        '--test-timeout=8000',
        '--test-reporter=spec',
        'test/fixtures/hangingTestFile.ts',
      ],
      // The browser's profile goes under dir, so this test can look for what is left of it.
      { TEST_STOPPED_NOTES: notes, TMPDIR: dir },
    );
    assert.equal(code, 1, `the runner ended by itself, failing:\n${out}`);
    assert.match(out, /✔ opens the page/);
    assert.match(out, /test timed out after 8000ms/);
    assert.match(
      readFileSync(notes, 'utf8'),
      /hangingTestFile\.ts was stopped while running "waits forever on the page"/,
    );
    assert.equal(await browsersUnder(dir), '', 'no Chromium of the stopped file is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
