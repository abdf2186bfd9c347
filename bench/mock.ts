// Page-observed median create() and get() (ES256) answered by the mock authenticator, side by side with
// Chromium's CDP virtual authenticator (the baseline) in the same run. Both pages settle for SETTLE_MS first.
import type { Page } from 'playwright-core';
import { ceremonyPairsInPage, type PairTimes } from './ceremonyPairs.js';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

/** Rounds per batch; batches alternate between the two browsers so that drift in machine load hits both. */
const ROUNDS = 20;
const BATCHES = 5;
/**
 * A page the developer has had open for a moment, that has asked isUserVerifyingPlatformAuthenticatorAvailable()
 * as sign-in pages do: the mock's direct port (set up at a frame's first WebAuthn call) is there by then.
 */
const SETTLE_MS = 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

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

    const virtual: Samples = { create: [], get: [], getSpan: [] },
      mock: Samples = { create: [], get: [], getSpan: [] };
    const add = (to: Samples, s: Samples, warmUp: boolean) => {
      to.create.push(...s.create.slice(warmUp ? 5 : 0));
      to.get.push(...s.get.slice(warmUp ? 5 : 0));
      if (!warmUp) to.getSpan.push(...s.getSpan);
    };
    for (let i = 0; i < BATCHES; i++) {
      add(virtual, await batch(virtualPage, i), i === 0);
      add(mock, await batch(mockPage, i), i === 0);
    }
    const fig = (k: 'create' | 'get') => {
      const v = median(virtual[k]),
        m = median(mock[k]);
      return {
        medianMsVirtualAuthenticator: Number(v.toFixed(3)),
        medianMsMock: Number(m.toFixed(3)),
        ratioMockToVirtual: Number((m / v).toFixed(3)),
        target: 'ratio <= 1.0',
      };
    };
    const v = median(virtual.getSpan),
      m = median(mock.getSpan);
    return {
      rounds: ROUNDS * BATCHES,
      algorithm: 'ES256',
      create: fig('create'),
      get: fig('get'),
      // The page's clock ticks in 0.1 ms, as coarse as the difference: a span of ROUNDS gets, per call.
      [`get, ${ROUNDS} in a row, per call (median over batches)`]: {
        msVirtualAuthenticator: Number(v.toFixed(3)),
        msMock: Number(m.toFixed(3)),
        ratioMockToVirtual: Number((m / v).toFixed(3)),
        target: 'ratio <= 1.0',
      },
    };
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
    await rp.close();
  }
}
