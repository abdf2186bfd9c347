// The bridge's record queue: records wait for a pause, a newer version replaces an older one, one batch is in
// flight at a time, and records stay until the worker confirms them, sent again until it does.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { recordQueue, type RecordQueueOptions } from '../../src/content/recordQueue.js';
import type { PageCeremony } from '../../src/messages.js';

const rec = (id: string, status: PageCeremony['status'] = 'ok'): PageCeremony =>
  ({ id, kind: 'get', mode: 'native', status, url: 'https://a.test/', topLevel: true, startTime: 1 }) as PageCeremony;

function setup(send: RecordQueueOptions['send'], extra: Partial<RecordQueueOptions> = {}) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  return recordQueue({
    send,
    quietMs: 20,
    maxWaitMs: 250,
    retryMs: 100,
    maxRetryMs: 400,
    maxHeld: 1000,
    maxBatchBytes: 1_000_000,
    ...extra,
  });
}
/** Queues a record with its JSON size, as the bridge measures it. */
const hold = (q: { hold(r: PageCeremony, bytes: number): void }, r: PageCeremony) =>
  q.hold(r, JSON.stringify(r).length);
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

test('records wait for the pause, then go in one batch in the order of their latest versions', async () => {
  const batches: string[][] = [];
  const q = setup(async (b) => batches.push(b.map((r) => `${r.id}:${r.status}`)));
  try {
    hold(q, rec('a', 'pending'));
    hold(q, rec('b', 'pending'));
    hold(q, rec('a', 'ok'));
    mock.timers.tick(19);
    assert.deepEqual(batches, []);
    mock.timers.tick(1);
    assert.deepEqual(batches, [['b:pending', 'a:ok']]);
    await settle();
    assert.equal(q.size, 0, 'confirmed records are let go');
  } finally {
    mock.timers.reset();
  }
});

test('a call on the way holds records for the pause after it; flush sends at once', async () => {
  const sent: string[] = [];
  const q = setup(async (b) => sent.push(...b.map((r) => r.id)));
  try {
    hold(q, rec('a'));
    mock.timers.tick(15);
    q.busy();
    mock.timers.tick(15);
    assert.deepEqual(sent, []);
    q.flush();
    assert.deepEqual(sent, ['a']);
    await settle();
    mock.timers.tick(1000);
    assert.deepEqual(sent, ['a'], 'nothing is sent twice once confirmed');
  } finally {
    mock.timers.reset();
  }
});

test('an unconfirmed batch is sent again, with a growing pause, until the worker confirms it', async () => {
  const tries: number[] = [];
  let fail = 3;
  const q = setup(async () => {
    tries.push(Date.now());
    if (fail-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
  });
  try {
    hold(q, rec('a'));
    q.flush();
    for (let i = 0; i < 12; i++) {
      await settle();
      mock.timers.tick(100);
    }
    assert.deepEqual(tries, [0, 100, 300, 700], '100, 200, then 400 ms (the cap) between tries');
    assert.equal(q.size, 0);
  } finally {
    mock.timers.reset();
  }
});

test('one batch in flight: what arrives meanwhile waits, and the newer version of a record in flight stays', async () => {
  const batches: string[][] = [];
  let confirm: () => void = () => undefined;
  const q = setup((b) => {
    batches.push(b.map((r) => `${r.id}:${r.status}`));
    return new Promise<void>((r) => (confirm = r));
  });
  try {
    hold(q, rec('a', 'pending'));
    mock.timers.tick(20);
    hold(q, rec('a', 'ok'));
    hold(q, rec('b'));
    mock.timers.tick(20);
    assert.deepEqual(batches, [['a:pending']], 'the second pause finds a batch in flight');
    confirm();
    await settle();
    assert.deepEqual(batches, [['a:pending'], ['a:ok', 'b:ok']], 'sent as soon as the first is confirmed');
  } finally {
    mock.timers.reset();
  }
});

test('batches hold records up to the byte limit; the rest follow', async () => {
  const batches: string[][] = [];
  const q = setup(async (b) => batches.push(b.map((r) => r.id)), { maxBatchBytes: 250 });
  try {
    for (const id of ['a', 'b', 'c', 'd']) hold(q, rec(id));
    q.flush();
    for (let i = 0; i < 4; i++) {
      await settle();
      mock.timers.tick(20);
    }
    assert.deepEqual(batches.flat(), ['a', 'b', 'c', 'd']);
    assert.ok(batches.length > 1, JSON.stringify(batches));
  } finally {
    mock.timers.reset();
  }
});

test('a page that logs in a loop keeps at most maxHeld records; an orphaned bridge does not throw', async () => {
  const q = setup(
    () => {
      throw new Error('Extension context invalidated.');
    },
    { maxHeld: 3 },
  );
  try {
    for (let i = 0; i < 10; i++) hold(q, rec(`r${i}`));
    assert.equal(q.size, 3);
    assert.doesNotThrow(() => q.flush());
    // Its retry is a mocked timer, gone with the mock.
    await settle();
  } finally {
    mock.timers.reset();
  }
});
