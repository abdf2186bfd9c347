// The per-tab ceremony log over a fake storage.session: concurrent upserts lose nothing, the oldest records go
// first past the limit and when storage is full, clears keep their place in line, an upsert resolves once written.
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

test('storage full: the oldest half of the tab is dropped and the write retried once', async () => {
  const tab = 14;
  for (let i = 0; i < 10; i++) await tabLog.upsert(tab, rec(`q${i}`, { options: { pad: 'x'.repeat(200) } }));
  fake.storage.session.quotaBytes = fake.storage.session.bytes() + 150;
  await tabLog.upsert(tab, rec('q10', { options: { pad: 'x'.repeat(200) } }));
  fake.storage.session.quotaBytes = Infinity;
  const ids = (await tabLog.snapshot(tab)).map((r) => r.id);
  assert.deepEqual(ids, ['q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
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
  assert.deepEqual(stored[`log:${tab}`], ['one', 'two']);
});
