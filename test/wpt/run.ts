// `npm run wpt -- <web-platform-tests checkout> [--filter <regexp>] [--json <file>]`: runs the checkout's
// webauthn/*.https.html files three ways in one run, each file in turn: Chromium with its own virtual
// authenticator (CDP), Chromium with the mock, Firefox with the mock. test_driver's commands reach
// whichever authenticator the run has (drivers.ts). Prints each file's pass count per run, then every
// subtest whose outcome differs from the virtual authenticator's.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { attach } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension, launchFirefoxForAutomation } from '../helpers/automationBrowsers.js';
import { chromiumVirtualBackend, mockBackend, type Backend, type CdpSend } from './drivers.js';
import { serveWpt } from './server.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { filter: { type: 'string' }, json: { type: 'string' } },
});
const root = positionals[0];
if (!root || !existsSync(join(root, 'webauthn', 'helpers.js'))) {
  console.error('usage: npm run wpt -- <web-platform-tests checkout, with webauthn/ and resources/> [--filter re]');
  process.exit(2);
}
const filter = new RegExp(values.filter ?? '.');
// A `.window.js` test runs in the page the server wraps it in.
const files = readdirSync(join(root, 'webauthn'))
  .filter((f) => /\.https\.(html|window\.js)$/.test(f))
  .map((f) => f.replace(/\.js$/, '.html'))
  .filter((f) => filter.test(f))
  .sort();
/**
 * "Manual" files expect a person with a security key, and add no authenticator through test_driver: each
 * run adds one before the page loads, as a person would plug one in.
 */
const PLUGGED_IN = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
};
const isManual = (file: string) => file.includes('-manual');

const RUNS = ['Chromium VA', 'mock, Chromium', 'mock, Firefox'] as const;
type Run = (typeof RUNS)[number];
const TEST_STATUS = ['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'];
const HARNESS_STATUS = ['OK', 'ERROR', 'TIMEOUT', 'PRECONDITION_FAILED'];
// Longer than testharness's "long" timeout (60 s), so that the harness reports its own timeouts.
const FILE_MS = 90_000;

interface Subtest {
  name: string;
  status: string;
  message: string | null;
}
interface FileResult {
  harness: string;
  tests: Subtest[];
}
interface PageLike {
  goto(url: string): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  close(): Promise<unknown>;
}

const results = new Map<string, Partial<Record<Run, FileResult>>>(files.map((f) => [f, {}]));
let backend: Backend | undefined;

/** The page's test_driver command, answered by the current run's authenticator (JSON both ways). */
async function answer(json: string): Promise<string> {
  const { name, args } = JSON.parse(json) as { name: string; args: unknown[] };
  if (!backend) return JSON.stringify({ ok: false, notImplemented: true });
  try {
    return JSON.stringify({ ok: true, value: (await backend.run(name, args)) ?? null });
  } catch (e) {
    return JSON.stringify({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
}

async function runFile(page: PageLike, file: string, url: string): Promise<FileResult> {
  if (isManual(file)) await backend?.run('add_virtual_authenticator', [PLUGGED_IN]);
  await page.goto(url);
  const deadline = Date.now() + FILE_MS;
  while (Date.now() < deadline) {
    const r = (await page.evaluate('window.__wptResults ?? null')) as {
      harness: { status: number; message: string | null };
      tests: Array<{ name: string; status: number; message: string | null }>;
    } | null;
    if (r) {
      const harness = HARNESS_STATUS[r.harness.status] ?? String(r.harness.status);
      return {
        harness: r.harness.message ? `${harness}: ${r.harness.message}` : harness,
        tests: r.tests.map((t) => ({ ...t, status: TEST_STATUS[t.status] ?? String(t.status) })),
      };
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  return { harness: 'RUNNER TIMEOUT', tests: [] };
}

const server = await serveWpt(root);
try {
  const chromium = await launchChromiumWithExtension();
  try {
    const controller = await attach(chromium.context);
    await chromium.context.exposeBinding('__wptDriver', (_source, json: string) => answer(json));
    for (const file of files) {
      for (const run of ['Chromium VA', 'mock, Chromium'] as const) {
        const page = await chromium.context.newPage();
        // Chromium answers WebAuthn only in the focused tab.
        await page.bringToFront();
        if (run === 'Chromium VA') {
          const session = await chromium.context.newCDPSession(page);
          const send: CdpSend = (m, p) => session.send(m as never, p as never) as Promise<unknown>;
          backend = await chromiumVirtualBackend(send);
        } else backend = mockBackend(controller);
        results.get(file)![run] = await runFile(page, file, server.url(`/webauthn/${file}`));
        await backend.cleanUp();
        backend = undefined;
        await page.close();
      }
    }
  } finally {
    await chromium.close();
  }

  const firefox = await launchFirefoxForAutomation();
  try {
    const controller = await attach(firefox);
    for (const file of files) {
      const page = await firefox.newPage();
      await page.exposeFunction('__wptDriver', (json: string) => answer(json));
      backend = mockBackend(controller);
      results.get(file)!['mock, Firefox'] = await runFile(page, file, server.url(`/webauthn/${file}`));
      await backend.cleanUp();
      backend = undefined;
      await page.close();
    }
  } finally {
    await firefox.close();
  }
} finally {
  await server.close();
}

const passed = (r: FileResult | undefined) => r?.tests.filter((t) => t.status === 'PASS').length ?? 0;
const cell = (r: FileResult | undefined) =>
  r ? `${passed(r)}/${r.tests.length}${r.harness === 'OK' ? '' : ` (${r.harness.split(':')[0]})`}` : '-';
const width = Math.max(...files.map((f) => f.length), 5);
console.log(`web-platform-tests webauthn/ from ${root}: subtests passed of those run\n`);
console.log(['file'.padEnd(width), ...RUNS.map((r) => r.padStart(16))].join('  '));
for (const file of files)
  console.log([file.padEnd(width), ...RUNS.map((r) => cell(results.get(file)![r]).padStart(16))].join('  '));
const totals = RUNS.map((run) => {
  const all = files.map((f) => results.get(f)![run]);
  return `${all.reduce((n, r) => n + passed(r), 0)}/${all.reduce((n, r) => n + (r?.tests.length ?? 0), 0)}`;
});
console.log(['total'.padEnd(width), ...totals.map((t) => t.padStart(16))].join('  '));

console.log("\nOutcomes that differ from Chromium's virtual authenticator:");
let differences = 0;
for (const file of files) {
  const r = results.get(file)!;
  const base = new Map((r['Chromium VA']?.tests ?? []).map((t) => [t.name, t]));
  for (const run of ['mock, Chromium', 'mock, Firefox'] as const) {
    for (const t of r[run]?.tests ?? []) {
      const b = base.get(t.name);
      if (b?.status === t.status) continue;
      differences++;
      console.log(
        `  ${file} › ${t.name}\n    VA ${b?.status ?? 'absent'}; ${run} ${t.status}${t.message ? `: ${t.message}` : ''}`,
      );
    }
    if (r[run]?.harness !== r['Chromium VA']?.harness)
      console.log(`  ${file}: harness ${r['Chromium VA']?.harness} with the VA, ${r[run]?.harness} with ${run}`);
  }
}
if (differences === 0) console.log('  none');
if (values.json) writeFileSync(values.json, JSON.stringify(Object.fromEntries(results), null, 2));
