// `npm test`: builds the extension, then runs every test file under test/ with Node's test runner
// (TypeScript through tsx). Pass file paths or a substring to run a subset: `npm test -- cose`.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const files = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const TEST_TIMEOUT_MS = 180_000;
// The whole run ends by this time whatever a test does, so CI reports a failure instead of running out its clock.
const RUN_DEADLINE_MS = 45 * 60_000;

// Browser tests share two cores with the browser itself: one file at a time keeps them stable.
// The runner gets its own process group, so whatever a test left running is stopped with it.
const notesDir = mkdtempSync(join(tmpdir(), 'wa-test-run-'));
const notes = join(notesDir, 'stopped.txt');
const runner = spawn(
  process.execPath,
  // A test that hangs fails after TEST_TIMEOUT_MS and names itself, instead of stalling the whole run.
  [
    '--import',
    'tsx',
    '--import',
    './test/helpers/exitWhenStopped.ts',
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, TEST_STOPPED_NOTES: notes } },
);
const stopGroup = (signal) => {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // The group is already gone.
  }
};
const deadline = setTimeout(() => {
  console.error(`npm test: the run passed ${RUN_DEADLINE_MS / 60_000} minutes; stopping it`);
  stopGroup('SIGTERM');
  setTimeout(() => stopGroup('SIGKILL'), 10_000).unref();
}, RUN_DEADLINE_MS);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopGroup(signal));
runner.on('exit', (code, signal) => {
  clearTimeout(deadline);
  stopGroup('SIGKILL');
  if (existsSync(notes)) process.stderr.write(`\nstopped test files:\n${readFileSync(notes, 'utf8')}`);
  rmSync(notesDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
