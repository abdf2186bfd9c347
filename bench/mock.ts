// Page-observed median create() and get() (ES256) answered by the mock authenticator, side by side with
// Chromium's CDP virtual authenticator (the baseline) in the same run. Both pages settle for SETTLE_MS first.
// The page's clock ticks in 0.1 ms, as coarse as the differences, so a median alone flips between ticks from run
// to run; the mean of the fastest 90% (the clock's jitter makes it finer than a tick; the slowest tenth are a
// shared machine's stalls) is the figure to compare.
import type { Page } from 'playwright-core';
import { ceremonyPairsInPage, type PairTimes } from './ceremonyPairs.js';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

/** Rounds per batch; batches alternate between the two browsers so that drift in machine load hits both. */
const ROUNDS = 20;
const BATCHES = 12;
/**
 * A page the developer has had open for a moment, that has asked isUserVerifyingPlatformAuthenticatorAvailable()
 * as sign-in pages do: the mock's direct port (set up at a frame's first WebAuthn call) is there by then.
 */
const SETTLE_MS = 1000;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fastest90Mean = (xs: number[]) => mean(sorted(xs).slice(0, Math.ceil(xs.length * 0.9)));
const ms = (x: number) => Number(x.toFixed(3));

type Samples = PairTimes;

/** Page-observed times of `ROUNDS` create()+get() pairs on `page` (on the RP, with whatever answers there). */
const batch = (page: Page, batchIndex: number): Promise<Samples> =>
  page.evaluate(ceremonyPairsInPage, { rounds: ROUNDS, first: batchIndex * ROUNDS, gapMs: 0, span: true });

async function onRpPage(b: ChromiumSession, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  await page.waitForTimeout(SETTLE_MS);
  return page;
}

export async function run(): Promise<object> {
  const rp = await startRpServer();
  const browsers: ChromiumSession[] = [];
  try {
    const native = await launchChromium({ extension: false });
    browsers.push(native);
    const withMock = await launchChromium();
    browsers.push(withMock);
    await withMock.setMockEverywhere(true);
    const virtualPage = await onRpPage(native, rp.url);
    await addVirtualAuthenticator(native.context, virtualPage);
    const mockPage = await onRpPage(withMock, rp.url);

    // Batch pairs run in the order VA, mock, then mock, VA: drift in the machine's load within a pair cancels.
    // Each pair gives its own ratio; the figure is the median over pairs (the first pair warms both up).
    const pairs: Array<{ virtual: Samples; mock: Samples }> = [];
    for (let i = 0; i < BATCHES + 1; i++) {
      const first = i % 2 ? { mock: await batch(mockPage, i) } : { virtual: await batch(virtualPage, i) };
      const second = i % 2 ? { virtual: await batch(virtualPage, i) } : { mock: await batch(mockPage, i) };
      if (i > 0) pairs.push({ ...first, ...second } as { virtual: Samples; mock: Samples });
    }
    const all = (who: 'virtual' | 'mock', k: keyof Samples) => pairs.flatMap((p) => p[who][k]);
    const pairRatio = (k: keyof Samples, f: (xs: number[]) => number) =>
      ms(median(pairs.map((p) => f(p.mock[k]) / f(p.virtual[k]))));
    const fig = (k: 'create' | 'get') => ({
      medianMsVirtualAuthenticator: ms(median(all('virtual', k))),
      medianMsMock: ms(median(all('mock', k))),
      fastest90MeanMsVirtualAuthenticator: ms(fastest90Mean(all('virtual', k))),
      fastest90MeanMsMock: ms(fastest90Mean(all('mock', k))),
      ratioMockToVirtual: pairRatio(k, fastest90Mean),
      target: 'ratio <= 1.0',
    });
    return {
      rounds: ROUNDS * BATCHES,
      algorithm: 'ES256',
      ratios: `median over ${BATCHES} batch pairs of mock / virtual authenticator`,
      create: fig('create'),
      get: fig('get'),
      // Timed as one span of ROUNDS gets: per call, finer than the clock.
      [`get, ${ROUNDS} in a row, per call`]: {
        msVirtualAuthenticator: ms(mean(all('virtual', 'getSpan'))),
        msMock: ms(mean(all('mock', 'getSpan'))),
        ratioMockToVirtual: pairRatio('getSpan', mean),
        target: 'ratio <= 1.0',
      },
    };
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
    await rp.close();
  }
}
