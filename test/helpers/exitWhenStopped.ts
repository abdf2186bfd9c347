// Loaded into every test process (scripts/test.mjs). The test runner stops a file that overran its timeout with
// SIGTERM. Playwright and Puppeteer answer SIGTERM by closing their browsers, but their listener replaces Node's
// default exit, so the file's process lived on (its RP server keeps the event loop busy), the runner waited for
// it and the run never ended. This exits once the libraries have had a moment to close (their exit handlers kill
// any browser that is left), and notes which test was running: the runner shows nothing of a stopped file, so
// scripts/test.mjs prints the notes at the end.
import { appendFileSync } from 'node:fs';
import { beforeEach } from 'node:test';

const GRACE_MS = 3000;
let running = 'its set-up, before the first test';
beforeEach((t) => {
  running = `"${t.name}"`;
});

process.once('SIGTERM', () => {
  const note = `${process.argv[1] ?? 'a test file'} was stopped while running ${running}\n`;
  try {
    appendFileSync(process.env.TEST_STOPPED_NOTES ?? '/dev/stderr', note);
  } catch {
    // Nowhere to say it: the runner still reports the file as timed out.
  }
  setTimeout(() => process.exit(143), GRACE_MS);
});
