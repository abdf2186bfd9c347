// Recorder cost, measured in one run with the four set-ups open at once and taking turns: median
// page-observed create() and get() time against Chromium's virtual authenticator without the extension, with
// it but no hook, with a pass-through hook, and with ours; the hook's minified size; and the hook's run time
// when it installs at document_start, against evaluating an empty script.
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ceremonyPairsInPage, type PairTimes } from './ceremonyPairs.js';
import { addVirtualAuthenticator, CHROME_DIST, launchChromium } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

const ROUNDS = 60;
const IDLE_GAP_MS = 100;

/** dist/chrome without the MAIN-world hook: the cost of merely having the extension loaded. */
function distWithoutHook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-nohook-'));
  cpSync(CHROME_DIST, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ js: string[] }>;
  };
  manifest.content_scripts = manifest.content_scripts.filter((c) => !c.js.includes('page/hook.js'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}
/**
 * dist/chrome whose hook only passes create()/get() through (Reflect.apply, nothing recorded): what Chromium
 * charges for any MAIN-world wrapper on the call's stack, the floor under the hook's own cost.
 */
function distWithPassThroughHook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-passthrough-'));
  cpSync(CHROME_DIST, dir, { recursive: true });
  writeFileSync(
    join(dir, 'page', 'hook.js'),
    `(() => { const C = CredentialsContainer.prototype, A = Reflect.apply;
  for (const k of ['create', 'get']) { const o = C[k]; Object.defineProperty(C, k, { value: { [k](...a) { return A(o, this, a); } }[k], writable: true, enumerable: true, configurable: true }); } })();`,
  );
  return dir;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

type Variant = 'without' | 'noHook' | 'passThrough' | 'withExt';
type Samples = PairTimes;
const BATCH = 10;

/**
 * `rounds` create()+get() pairs in the page, `gapMs` of idle time between pairs, as between a person's
 * ceremonies; 0 measures back-to-back calls, where the recording of one call (messages, storage) competes
 * with the next for the 2 cores.
 */
const batch = (page: Page, rounds: number, gapMs: number, first: number): Promise<Samples> =>
  page.evaluate(ceremonyPairsInPage, { rounds, first, gapMs, span: false });

/**
 * The four set-ups' medians, measured in one run: every browser is open at once and they take turns, a batch
 * of BATCH pairs each, so that the shared machine's drift reaches all four alike (the first batch of each
 * warms up and is dropped).
 */
async function timings(
  pages: Record<Variant, Page>,
  gapMs: number,
): Promise<Record<Variant, { create: number; get: number }>> {
  const samples = Object.fromEntries(Object.keys(pages).map((k) => [k, { create: [], get: [] }])) as unknown as Record<
    Variant,
    Samples
  >;
  for (let b = 0; b <= ROUNDS / BATCH; b++) {
    for (const [k, page] of Object.entries(pages) as Array<[Variant, Page]>) {
      const t = await batch(page, BATCH, gapMs, b * BATCH);
      if (b === 0) continue;
      samples[k].create.push(...t.create);
      samples[k].get.push(...t.get);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { create: median(s.create), get: median(s.get) }]),
  ) as Record<Variant, { create: number; get: number }>;
}

async function openPage(
  url: string,
  extension: boolean,
  dist?: string,
): Promise<{ page: Page; close(): Promise<void> }> {
  const b = await launchChromium({ extension, ...(dist ? { dist } : {}) });
  const page = await b.context.newPage();
  await page.goto(`${url}/blank.html`);
  await addVirtualAuthenticator(b.context, page);
  await page.evaluate('globalThis.__name = (f) => f'); // tsx's function-naming helper, used by the evaluated source
  return { page, close: () => b.close() };
}

async function hookRunTime(url: string, code: string): Promise<{ hookMs: number; emptyScriptMs: number }> {
  const b = await launchChromium({ extension: false });
  try {
    const hook: number[] = [],
      empty: number[] = [];
    for (let i = 0; i < 15; i++) {
      const page = await b.context.newPage();
      await page.goto(`${url}/blank.html`);
      await page.evaluate('globalThis.__name = (f) => f');
      const [h, e] = await page.evaluate((src) => {
        const run = (s: string) => {
          const t0 = performance.now();
          (0, eval)(s);
          return performance.now() - t0;
        };
        return [run(src), run('void 0')];
      }, code);
      hook.push(h!);
      empty.push(e!);
      await page.close();
    }
    return { hookMs: median(hook), emptyScriptMs: median(empty) };
  } finally {
    await b.close();
  }
}

export async function run(): Promise<object> {
  const rp = await startRpServer();
  try {
    const noHookDir = distWithoutHook();
    const passDir = distWithPassThroughHook();
    const opened = {
      without: await openPage(rp.url, false),
      noHook: await openPage(rp.url, true, noHookDir),
      passThrough: await openPage(rp.url, true, passDir),
      withExt: await openPage(rp.url, true),
    };
    const pages = Object.fromEntries(Object.entries(opened).map(([k, o]) => [k, o.page])) as Record<Variant, Page>;
    let idle: Record<Variant, { create: number; get: number }>, backToBack: typeof idle;
    try {
      idle = await timings(pages, IDLE_GAP_MS);
      backToBack = await timings(pages, 0);
    } finally {
      for (const o of Object.values(opened)) await o.close();
      rmSync(noHookDir, { recursive: true, force: true });
      rmSync(passDir, { recursive: true, force: true });
    }
    const minified = async (entry: string) =>
      (
        await build({
          entryPoints: [join(import.meta.dirname, '..', 'src', 'page', entry)],
          bundle: true,
          minify: true,
          format: 'iife',
          write: false,
          target: 'es2022',
        })
      ).outputFiles[0]!.text;
    const code = await minified('hook.ts');
    // Not part of the target: runs only while the mock is on (see src/background/mock/pageScript.ts).
    const mockSide = await minified('mock/mockAnswers.ts');
    const runTime = await hookRunTime(rp.url, code);
    // Two baselines: no extension at all, and the extension loaded without its hook (Chromium itself slows
    // WebAuthn down when any extension is loaded); the hook's own cost is the second difference.
    const ms = (x: number) => Number(x.toFixed(3));
    const fig = ({ without, noHook, passThrough, withExt }: typeof idle, k: 'create' | 'get', target: object) => ({
      medianMsNoExtension: ms(without[k]),
      medianMsExtensionWithoutHook: ms(noHook[k]),
      medianMsPassThroughHook: ms(passThrough[k]),
      medianMsWithHook: ms(withExt[k]),
      addedMsByHook: ms(withExt[k] - noHook[k]),
      ratioHookToNoHook: ms(withExt[k] / noHook[k]),
      addedMsByPassThroughHook: ms(passThrough[k] - noHook[k]),
      addedMsByRecordingItself: ms(withExt[k] - passThrough[k]),
      addedMsByExtension: ms(withExt[k] - without[k]),
      ratioToNoExtension: ms(withExt[k] / without[k]),
      ...target,
    });
    return {
      rounds: ROUNDS,
      [`create (${IDLE_GAP_MS} ms idle between calls)`]: fig(idle, 'create', {}),
      [`get (${IDLE_GAP_MS} ms idle between calls)`]: fig(idle, 'get', { targetAddedMsByHook: 0.5 }),
      'create (back to back)': fig(backToBack, 'create', { targetAddedMsByRecordingItself: 1 }),
      'get (back to back)': fig(backToBack, 'get', { targetAddedMsByRecordingItself: 0.5 }),
      hookScript: { minifiedBytes: Buffer.byteLength(code), targetBytes: 8192, ...runTime },
      mockPageScriptWhileMockOn: { minifiedBytes: Buffer.byteLength(mockSide) },
    };
  } finally {
    await rp.close();
  }
}
