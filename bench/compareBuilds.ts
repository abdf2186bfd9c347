// Two builds of the extension compared on the mock's create() and get(), for deciding whether a change is
// faster: `node --import tsx bench/compareBuilds.ts <dir A> <dir B>`, each a built dist/chrome (copy dist/ aside
// before rebuilding). A browser's launch order moves its figures by a few percent on this machine, so the
// comparison runs twice, launching A then B and then B then A, each time with both alive and batches in the
// order A B B A; the figure is the geometric mean of the runs' B / A. A run's figure moves by about ± 0.03 with
// the launch alone (two identical builds), and a 5-pair figure by about ± 0.02: a change under 2 % does not show.
import type { Page } from 'playwright-core';
import { ceremonyPairsInPage, type PairTimes } from './ceremonyPairs.js';
import { onRpPage } from './mock.js';
import { fastest90Mean, mean } from './stats.js';
import { launchChromium, type ChromiumSession } from '../test/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

const ROUNDS = 20;
/** Each batch creates 2 × ROUNDS credentials per build, and the mock holds 500 per RP ID at most. */
const BATCHES = 11;
const empty = (): PairTimes => ({ create: [], get: [], getSpan: [] });

/** One run: B / A for create, get and the 20-get span, with `order` the launch order. */
async function compare(url: string, dirs: { A: string; B: string }, order: ['A', 'B'] | ['B', 'A']) {
  const sessions: ChromiumSession[] = [];
  try {
    const pages = {} as Record<'A' | 'B', Page>;
    for (const v of order) {
      const b = await launchChromium({ dist: dirs[v] });
      sessions.push(b);
      await b.setMockEverywhere(true);
      pages[v] = await onRpPage(b, url);
    }
    const times = { A: empty(), B: empty() };
    const sequence = [order[0], order[1], order[1], order[0]];
    let first = 0;
    for (let i = 0; i < BATCHES + 1; i++) {
      for (const v of sequence) {
        first += ROUNDS;
        const s = await pages[v].evaluate(ceremonyPairsInPage, { rounds: ROUNDS, first, gapMs: 0, span: true });
        // The first batch warms both up.
        if (i === 0) continue;
        times[v].create.push(...s.create);
        times[v].get.push(...s.get);
        times[v].getSpan.push(...s.getSpan);
      }
    }
    return {
      create: fastest90Mean(times.B.create) / fastest90Mean(times.A.create),
      get: fastest90Mean(times.B.get) / fastest90Mean(times.A.get),
      getSpan: mean(times.B.getSpan) / mean(times.A.getSpan),
    };
  } finally {
    for (const s of sessions) await s.close().catch(() => undefined);
  }
}

const [A, B, pairsArg] = process.argv.slice(2);
const pairs = Number(pairsArg ?? 1);
if (!A || !B || !(Number.isInteger(pairs) && pairs > 0)) {
  console.error(
    'usage: node --import tsx bench/compareBuilds.ts <dist/chrome of A> <dist/chrome of B> [pairs of runs, 1]',
  );
  process.exit(2);
}
const rp = await startRpServer();
try {
  const runs: Array<Awaited<ReturnType<typeof compare>>> = [];
  for (let i = 0; i < pairs; i++) {
    runs.push(await compare(rp.url, { A, B }, ['A', 'B']), await compare(rp.url, { A, B }, ['B', 'A']));
  }
  const figure = (k: 'create' | 'get' | 'getSpan') => ({
    ratioBToA: Number(Math.exp(mean(runs.map((r) => Math.log(r[k])))).toFixed(3)),
    perRun: runs.map((r) => Number(r[k].toFixed(3))),
  });
  console.log(
    JSON.stringify(
      {
        'create (mean of the fastest 90%)': figure('create'),
        'get (mean of the fastest 90%)': figure('get'),
        [`get, ${ROUNDS} in a row, per call`]: figure('getSpan'),
      },
      null,
      2,
    ),
  );
} finally {
  await rp.close();
}
