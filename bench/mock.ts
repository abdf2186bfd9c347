// Page-observed create() and get() (ES256) answered by the mock authenticator, side by side with Chromium's CDP
// virtual authenticator in the same run: with no extension (the baseline of the target), and with this extension
// recording it (like for like: the mock records too). Every page settles for SETTLE_MS first.
// A median of the page's 0.1 ms ticks flips from run to run, so the figure is the mean of the fastest 90%
// (stats.ts). How the browsers' processes share the machine's cores moves
// a ratio by up to a tenth from one launch to the next, so each pair is launched LAUNCHES times, in alternating
// order, and the figure is the median over launches.
import type { Page } from 'playwright-core';
import { ceremonyPairsInPage, type PairTimes } from './ceremonyPairs.js';
import { addEchoFrame, otherRendererRoundTrip, removeEchoFrame, startEchoSite } from './rendererEcho.js';
import { fastest90Mean, mean, median } from './stats.js';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

/** Ceremony pairs per batch. */
const ROUNDS = 20;
const BATCHES = 8;
const LAUNCHES = 5;
/**
 * A page the developer has had open for a moment, that has asked isUserVerifyingPlatformAuthenticatorAvailable()
 * as sign-in pages do: the mock's direct port (set up at a frame's first WebAuthn call) is there by then.
 */
const SETTLE_MS = 1000;
const ms = (x: number) => Number(x.toFixed(3));

type Samples = PairTimes;
/**
 * The virtual authenticator with no extension, the same with this extension recording (the mock off: what a
 * developer using the recorder with Chromium's virtual authenticator sees), and the mock, which records too.
 */
const WHO = ['virtual', 'recordedVirtual', 'mock'] as const;
type Who = (typeof WHO)[number];
type Baseline = Exclude<Who, 'mock'>;
/** One round of a launch: a batch on the baseline's page and one on the mock's. */
type Round = { baseline: Samples; mock: Samples };

/**
 * What a call costs before any authenticator work, per call over ROUND_TRIPS calls that do next to nothing at the
 * other end: to the browser process, where the virtual authenticator runs (isUserVerifyingPlatformAuthenticator-
 * Available() with no extension); to another renderer process, as the extension's worker is (an echo from another
 * site's frame, rendererEcho.ts: the platform's share); and to the worker along this extension's own path, hook,
 * mock side and worker included (a signal the mock answers, for a credential it does not hold).
 */
const ROUND_TRIPS = 100;
type RoundTrips = { browser: number[]; worker: number[]; otherRenderer: number[] };
async function browserRoundTrip(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
  return (performance.now() - t0) / n;
}
async function workerRoundTrip(n: number): Promise<number> {
  const signal = (PublicKeyCredential as unknown as { signalUnknownCredential(o: object): Promise<void> })
    .signalUnknownCredential;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await signal.call(PublicKeyCredential, { rpId: 'localhost', credentialId: 'AAAA' });
  return (performance.now() - t0) / n;
}

/** Page-observed times of `ROUNDS` create()+get() pairs on `page` (on the RP, with whatever answers there). */
const batch = (page: Page, batchIndex: number): Promise<Samples> =>
  page.evaluate(ceremonyPairsInPage, { rounds: ROUNDS, first: batchIndex * ROUNDS, gapMs: 0, span: true });

/** A page on the RP, settled (see SETTLE_MS). */
export async function onRpPage(b: ChromiumSession, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  await page.waitForTimeout(SETTLE_MS);
  return page;
}

/**
 * One launch of a baseline's browser and the mock's (only two at a time: a third browser's processes would
 * crowd the machine's two cores, the mock's three processes more than the baseline's two): BATCHES rounds,
 * after one that warms both up.
 */
async function launchRounds(
  url: string,
  baseline: Baseline,
  mockFirst: boolean,
): Promise<{ rounds: Round[]; roundTrips: RoundTrips }> {
  const browsers: ChromiumSession[] = [];
  const open = async (extension: boolean): Promise<ChromiumSession> => {
    const b = await launchChromium({ extension });
    browsers.push(b);
    return b;
  };
  const withVirtualAuthenticator = async (b: ChromiumSession): Promise<Page> => {
    const page = await onRpPage(b, url);
    await addVirtualAuthenticator(b.context, page);
    return page;
  };
  const launch: Record<Who, () => Promise<Page>> = {
    virtual: async () => withVirtualAuthenticator(await open(false)),
    recordedVirtual: async () => withVirtualAuthenticator(await open(true)),
    async mock() {
      const b = await open(true);
      await b.setMockEverywhere(true);
      return onRpPage(b, url);
    },
  };
  try {
    const first = mockFirst ? await launch.mock() : await launch[baseline]();
    const second = mockFirst ? await launch[baseline]() : await launch.mock();
    const pages = mockFirst ? { mock: first, baseline: second } : { baseline: first, mock: second };
    const roundTrips: RoundTrips = { browser: [], worker: [], otherRenderer: [] };
    // First, while the mock holds no credential: a signal's cost grows with the RP's credentials.
    if (baseline === 'virtual') {
      const echo = await startEchoSite();
      try {
        await addEchoFrame(pages.baseline, echo.url);
        for (let i = 0; i < 4; i++) {
          roundTrips.browser.push(await pages.baseline.evaluate(browserRoundTrip, ROUND_TRIPS));
          roundTrips.worker.push(await pages.mock.evaluate(workerRoundTrip, ROUND_TRIPS));
          roundTrips.otherRenderer.push(await pages.baseline.evaluate(otherRendererRoundTrip, ROUND_TRIPS));
        }
      } finally {
        await removeEchoFrame(pages.baseline);
        await echo.close();
      }
    }
    // Rounds run the two in one order, then in the other: drift in the machine's load within a round cancels.
    const rounds: Round[] = [];
    for (let i = 0; i < BATCHES + 1; i++) {
      const order = i % 2 ? (['mock', 'baseline'] as const) : (['baseline', 'mock'] as const);
      const round = {} as Round;
      for (const who of order) round[who] = await batch(pages[who], i);
      if (i > 0) rounds.push(round);
    }
    return { rounds, roundTrips };
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
  }
}

/**
 * Only get() has a target. create() commits the new credential to IndexedDB before it answers (nothing lost when
 * the worker dies). Gets back to back are a stricter view: the VA gains more than the mock when its get() does not
 * follow a create().
 */
const TARGETS: Record<keyof Samples, string> = {
  get: 'mockToVirtualWithoutExtension.ratio <= 1.0',
  create: 'none (committed to IndexedDB before the answer)',
  getSpan: 'none (the get row carries the target)',
};

export async function run(): Promise<object> {
  const rp = await startRpServer();
  try {
    const launches: Record<Baseline, Round[][]> = { virtual: [], recordedVirtual: [] };
    const roundTrips: RoundTrips = { browser: [], worker: [], otherRenderer: [] };
    for (let l = 0; l < LAUNCHES * 2; l++) {
      const baseline: Baseline = l % 2 ? 'virtual' : 'recordedVirtual';
      const launch = await launchRounds(rp.url, baseline, l % 4 >= 2);
      launches[baseline].push(launch.rounds);
      roundTrips.browser.push(...launch.roundTrips.browser);
      roundTrips.worker.push(...launch.roundTrips.worker);
      roundTrips.otherRenderer.push(...launch.roundTrips.otherRenderer);
    }
    const all = (who: Who, k: keyof Samples) =>
      who === 'mock'
        ? [...launches.virtual, ...launches.recordedVirtual].flat().flatMap((r) => r.mock[k])
        : launches[who].flat().flatMap((r) => r.baseline[k]);
    /** Per launch, the median over its rounds of mock / baseline; then the median over launches. */
    const ratio = (k: keyof Samples, f: (xs: number[]) => number, baseline: Baseline) => {
      const each = launches[baseline].map((rs) => ms(median(rs.map((r) => f(r.mock[k]) / f(r.baseline[k])))));
      return { ratio: median(each), perLaunch: each };
    };
    const fig = (k: keyof Samples, f: (xs: number[]) => number, label: string) => ({
      [`ms, ${label}`]: Object.fromEntries(WHO.map((w) => [w, ms(f(all(w, k)))])),
      ...(k === 'getSpan' ? {} : { 'ms, median': Object.fromEntries(WHO.map((w) => [w, ms(median(all(w, k)))])) }),
      mockToVirtualWithoutExtension: ratio(k, f, 'virtual'),
      // Like for like: the recorder's own cost (the recorder group's figures) is on both sides.
      mockToRecordedVirtual: ratio(k, f, 'recordedVirtual'),
      target: TARGETS[k],
    });
    return {
      rounds: ROUNDS * BATCHES * LAUNCHES * 2,
      algorithm: 'ES256',
      ratios: `per baseline, median over ${LAUNCHES} launches of the median over ${BATCHES} rounds of mock / baseline`,
      create: fig('create', fastest90Mean, 'mean of the fastest 90%'),
      get: fig('get', fastest90Mean, 'mean of the fastest 90%'),
      // Timed as one span of ROUNDS gets: per call, finer than the clock.
      [`get, ${ROUNDS} in a row`]: fig('getSpan', mean, 'per call'),
      'round trip, ms per call (median over runs)': {
        toBrowserProcess: ms(median(roundTrips.browser)),
        toExtensionWorker: ms(median(roundTrips.worker)),
        toAnotherSitesFrame: ms(median(roundTrips.otherRenderer)),
      },
    };
  } finally {
    await rp.close();
  }
}
