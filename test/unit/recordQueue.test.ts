// The bridge's record queue: records wait for a pause, a newer version replaces an older one, and a record the
// worker refuses is sent again a bounded number of times.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { recordQueue } from '../../src/content/recordQueue.js';
import type { PageCeremony } from '../../src/messages.js';

const rec = (id: string, status: PageCeremony['status'] = 'ok'): PageCeremony =>
  ({ id, kind: 'get', mode: 'native', status, url: 'https://a.test/', topLevel: true, startTime: 1 }) as PageCeremony;

function setup(send: (r: PageCeremony) => Promise<unknown>) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  return recordQueue({ send, quietMs: 20, maxWaitMs: 250, retryMs: 250, retries: 2 });
}
const flushMicrotasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

test('records wait for the pause, then go in the order of their latest versions, each once', async () => {
  const sent: string[] = [];
  const q = setup(async (r) => sent.push(`${r.id}:${r.status}`));
  try {
    q.hold(rec('a', 'pending'));
    q.hold(rec('b', 'pending'));
    q.hold(rec('a', 'ok'));
    mock.timers.tick(19);
    assert.deepEqual(sent, []);
    mock.timers.tick(1);
    assert.deepEqual(sent, ['b:pending', 'a:ok']);
  } finally {
    mock.timers.reset();
  }
});

test('a call on the way holds records for the pause after it; flush sends at once', async () => {
  const sent: string[] = [];
  const q = setup(async (r) => sent.push(r.id));
  try {
    q.hold(rec('a'));
    mock.timers.tick(15);
    q.busy();
    mock.timers.tick(15);
    assert.deepEqual(sent, []);
    q.flush();
    assert.deepEqual(sent, ['a']);
    mock.timers.tick(1000);
    assert.deepEqual(sent, ['a'], 'nothing is sent twice');
  } finally {
    mock.timers.reset();
  }
});

test('a refused record is sent again, twice at most, 250 ms apart', async () => {
  const tries: number[] = [];
  const q = setup(async () => {
    tries.push(Date.now());
    throw new Error('Could not establish connection. Receiving end does not exist.');
  });
  try {
    q.hold(rec('a'));
    q.flush();
    for (let i = 0; i < 4; i++) {
      await flushMicrotasks();
      mock.timers.tick(250);
    }
    assert.deepEqual(tries, [0, 250, 500]);
  } finally {
    mock.timers.reset();
  }
});

test('an orphaned bridge (sending throws) loses the record quietly', () => {
  const q = setup(() => {
    throw new Error('Extension context invalidated.');
  });
  try {
    q.hold(rec('a'));
    assert.doesNotThrow(() => q.flush());
  } finally {
    mock.timers.reset();
  }
});
