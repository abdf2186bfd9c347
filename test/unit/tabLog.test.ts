// The per-tab ceremony log over a fake storage.session: concurrent upserts lose nothing, the oldest records go
// first past the limit, no tab loses records to another's flood (byte budgets, the biggest tab pays first),
// drops are counted, clears keep their place in line, an upsert resolves once written.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, type FakeChrome } from '../helpers/fakeChrome.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

let fake: FakeChrome;
let tabLog: typeof import('../../src/background/recorder/tabLog.js');
before(async () => {
  fake = installFakeChrome();
  tabLog = await import('../../src/background/recorder/tabLog.js');
});

const rec = (id: string, extra: Partial<CeremonyRecord> = {}): CeremonyRecord =>
  ({
    id,
    kind: 'get',
    mode: 'native',
    status: 'ok',
    url: 'https://a.test/',
    origin: 'https://a.test',
    crossOrigin: false,
    topLevel: true,
    tabId: 1,
    frameId: 0,
    startTime: 1,
    ...extra,
  }) as CeremonyRecord;

test('concurrent upserts of one tab all land, in call order, and a newer version replaces the old', async () => {
  const tab = 11;
  await Promise.all(Array.from({ length: 50 }, (_, i) => tabLog.upsert(tab, rec(`r${i}`, { status: 'pending' }))));
  await tabLog.upsert(tab, rec('r7', { status: 'ok' }));
  const got = await tabLog.snapshot(tab);
  assert.deepEqual(
    got.map((r) => r.id),
    Array.from({ length: 50 }, (_, i) => `r${i}`),
  );
  assert.equal(got[7]!.status, 'ok');
  assert.ok(fake.storage.session.dump()[`rec:${tab}:r49`], 'written to storage.session');
});

test('past LOG_LIMIT the oldest records of the tab go first; other tabs keep theirs', async () => {
  const tab = 12;
  await tabLog.upsert(13, rec('other'));
  for (let i = 0; i < tabLog.LOG_LIMIT + 5; i++) await tabLog.upsert(tab, rec(`n${i}`));
  const got = await tabLog.snapshot(tab);
  assert.equal(got.length, tabLog.LOG_LIMIT);
  assert.equal(got[0]!.id, 'n5');
  assert.deepEqual(
    (await tabLog.snapshot(13)).map((r) => r.id),
    ['other'],
  );
});

test('storage full beyond the budgets: the biggest tab drops its oldest half, not the tab that wrote', async () => {
  const tab = 14;
  for (let i = 0; i < 10; i++) await tabLog.upsert(tab, rec(`q${i}`, { options: { pad: 'x'.repeat(200) } }));
  fake.storage.session.quotaBytes = fake.storage.session.bytes() + 150;
  await tabLog.upsert(tab, rec('q10', { options: { pad: 'x'.repeat(200) } }));
  fake.storage.session.quotaBytes = Infinity;
  assert.equal((await tabLog.snapshot(tab)).length, 11, 'the small tab keeps every record');
  const biggest = await tabLog.snapshotWithDrops(12);
  assert.equal(biggest.ceremonies.length, tabLog.LOG_LIMIT / 2);
  assert.equal(biggest.dropped, 5 + tabLog.LOG_LIMIT / 2, 'the 5 over the limit, then half');
});

const big = (id: string, kb: number) => rec(id, { options: { unknownExtension: 'x'.repeat(kb * 1024) } });

test("a tab that fills its byte budget loses its own oldest records, counted; another tab's stay", async () => {
  const [flooder, quiet] = [21, 22];
  await tabLog.upsert(quiet, rec('mine'));
  const drops: number[] = [];
  tabLog.onDropped((t, n) => t === flooder && drops.push(n));
  for (let i = 0; i < 20; i++) await tabLog.upsert(flooder, big(`f${i}`, 400));
  const f = await tabLog.snapshotWithDrops(flooder);
  const bytes = f.ceremonies.reduce((a, r) => a + JSON.stringify(r).length, 0);
  assert.ok(bytes <= tabLog.TAB_BUDGET_BYTES, `${bytes} bytes kept`);
  assert.equal(f.ceremonies.length + f.dropped, 20);
  assert.equal(f.ceremonies.at(-1)!.id, 'f19', 'the newest is kept');
  assert.equal(drops.at(-1), f.dropped, 'listeners hear the running count');
  assert.deepEqual(
    (await tabLog.snapshot(quiet)).map((r) => r.id),
    ['mine'],
  );
  await tabLog.clear(flooder);
  assert.equal((await tabLog.snapshotWithDrops(flooder)).dropped, 0, 'a clear starts the count again');
});

test('past the total budget the biggest tab loses its oldest first; a tab under its share loses nothing', async () => {
  const tabs = [31, 32, 33, 34];
  for (const t of [11, 12, 13, 14, 15, 16, 21, 22]) await tabLog.clear(t);
  await tabLog.upsert(40, big('small', 100));
  // Four tabs each just under their own budget hold more than the total.
  for (let i = 0; i < 7; i++) for (const t of tabs) await tabLog.upsert(t, big(`t${t}-${i}`, 400));
  const all = await Promise.all([...tabs, 40].map((t) => tabLog.snapshotWithDrops(t)));
  const stored = Object.entries(fake.storage.session.dump())
    .filter(([k]) => k.startsWith('rec:'))
    .reduce((a, [k, v]) => a + k.length + JSON.stringify(v).length, 0);
  assert.ok(stored <= tabLog.TOTAL_BUDGET_BYTES, `${stored} bytes stored`);
  assert.deepEqual(
    all.at(-1)!.ceremonies.map((r) => r.id),
    ['small'],
  );
  const counts = all.slice(0, 4).map((s) => s.ceremonies.length);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `the big tabs are evened out: ${counts}`);
  assert.ok(all.slice(0, 4).every((s) => s.dropped > 0 && s.ceremonies.at(-1)!.id.endsWith('-6')));
  for (const t of [...tabs, 40]) await tabLog.clear(t);
});

test('a record over the size one call may have keeps its metadata and says what it weighed', async () => {
  const tab = 50;
  const [stored] = await tabLog.upsertAll(tab, [big('huge', 900)]);
  assert.equal(stored!.options, undefined);
  assert.ok(stored!.trimmed!.bytes > 900 * 1024);
  assert.equal((await tabLog.snapshot(tab))[0]!.trimmed!.bytes, stored!.trimmed!.bytes);
  await tabLog.clear(tab);
});

test('clearIf decides in order with the upserts around it', async () => {
  const tab = 15;
  await tabLog.upsert(tab, rec('before'));
  let release: (v: boolean) => void = () => undefined;
  const decision = new Promise<boolean>((r) => (release = r));
  const cleared = tabLog.clearIf(tab, () => decision);
  const after = tabLog.upsert(tab, rec('after'));
  await new Promise((r) => setTimeout(r, 10));
  release(true);
  assert.equal(await cleared, true);
  await after;
  assert.deepEqual(
    (await tabLog.snapshot(tab)).map((r) => r.id),
    ['after'],
    'a record that arrived after the clear began is kept',
  );
  await tabLog.clear(tab);
  assert.deepEqual(await tabLog.snapshot(tab), []);
  assert.equal(
    Object.keys(fake.storage.session.dump()).some((k) => k.startsWith(`rec:${tab}:`)),
    false,
  );
});

test('an upsert resolves once its records are in storage, in one write', async () => {
  const tab = 16;
  const writes = fake.storage.session.writes;
  await tabLog.upsertAll(tab, [rec('one'), rec('two')]);
  assert.equal(fake.storage.session.writes, writes + 1);
  const stored = fake.storage.session.dump();
  assert.ok(stored[`rec:${tab}:one`] && stored[`rec:${tab}:two`]);
  assert.deepEqual((stored[`log:${tab}`] as { ids: string[] }).ids, ['one', 'two']);
});
