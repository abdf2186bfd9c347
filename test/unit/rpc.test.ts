// The one request helper (src/rpc.ts): a client and a server over an in-memory channel. Answers, errors as
// { name, message }, timeouts, aborts in both directions, a dying channel, malformed bodies and envelopes.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { isRpcMessage, pendingTable, rpcClient, rpcServer, type RpcMessage } from '../../src/rpc.js';

type Body = { type: 'echo'; value: string } | { type: 'fail' } | { type: 'wait' };
const isBody = (b: unknown): b is Body =>
  !!b && typeof b === 'object' && ['echo', 'fail', 'wait'].includes((b as { type?: string }).type ?? '');

/** A client and a server joined by a channel that delivers in a later microtask, as ports do. */
function channel(handle: (b: Body, signal: AbortSignal) => Promise<string> | string) {
  const toServer: RpcMessage[] = [];
  const server = rpcServer<Body, string>(isBody, handle, (m) => queueMicrotask(() => client.receive(m)));
  const client = rpcClient<Body, string>((m) => {
    toServer.push(m);
    queueMicrotask(() => server.receive(m));
    return true;
  }, 'c');
  return { client, server, toServer };
}

test('a request gets its answer, and requests settle by id whatever order they finish in', async () => {
  const { client } = channel(async (b) => {
    if (b.type !== 'echo') throw new Error('unexpected');
    await new Promise((r) => setTimeout(r, b.value === 'slow' ? 20 : 0));
    return b.value.toUpperCase();
  });
  const slow = client.request({ type: 'echo', value: 'slow' }).answer;
  const fast = client.request({ type: 'echo', value: 'fast' }).answer;
  assert.deepEqual(await fast, { ok: true, value: 'FAST' });
  assert.deepEqual(await slow, { ok: true, value: 'SLOW' });
  assert.equal(client.size, 0);
});

test('a thrown error arrives as { name, message }, a DOMException keeps its name', async () => {
  const { client } = channel(() => {
    throw new DOMException('no credential', 'NotAllowedError');
  });
  assert.deepEqual(await client.request({ type: 'fail' }).answer, {
    ok: false,
    error: { name: 'NotAllowedError', message: 'no credential' },
  });
});

test('abort settles at once with the reason, tells the server, and the server handler sees its signal abort', async () => {
  let seen: unknown;
  const { client, server, toServer } = channel(
    (_b, signal) =>
      new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          seen = signal.reason;
          reject(signal.reason);
        }),
      ),
  );
  const h = client.request({ type: 'wait' });
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(server.size, 1);
  h.abort({ name: 'AbortError', message: 'the page gave up' });
  assert.deepEqual(await h.answer, { ok: false, error: { name: 'AbortError', message: 'the page gave up' } });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(seen, { name: 'AbortError', message: 'the page gave up' });
  assert.equal(toServer.at(-1)?.type, 'rpc/abort');
  assert.equal(server.size, 0);
  h.abort();
  assert.equal(toServer.filter((m) => m.type === 'rpc/abort').length, 1, 'a second abort sends nothing');
});

test('a timeout settles with TimeoutError and aborts the server side', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { client, toServer } = channel(() => new Promise(() => undefined));
    const h = client.request({ type: 'wait' }, { timeoutMs: 1000 });
    mock.timers.tick(999);
    let settled = false;
    void h.answer.then(() => (settled = true));
    await Promise.resolve();
    assert.equal(settled, false);
    mock.timers.tick(1);
    assert.deepEqual(await h.answer, { ok: false, error: { name: 'TimeoutError', message: 'The request timed out.' } });
    assert.deepEqual(toServer.at(-1), {
      type: 'rpc/abort',
      id: 'c1',
      reason: { name: 'TimeoutError', message: 'The request timed out.' },
    });
  } finally {
    mock.timers.reset();
  }
});

test('failAll settles every waiting request with the channel error; a closed channel fails a request at once', async () => {
  const { client } = channel(() => new Promise(() => undefined));
  const a = client.request({ type: 'wait' }).answer;
  const b = client.request({ type: 'wait' }).answer;
  const lost = { name: 'NotAllowedError', message: 'the extension restarted' };
  client.failAll(lost);
  assert.deepEqual(await Promise.all([a, b]), [
    { ok: false, error: lost },
    { ok: false, error: lost },
  ]);
  const closed = rpcClient<Body, string>(() => false);
  assert.equal((await closed.request({ type: 'wait' }).answer).ok, false);
});

test('the server answers a body its guard refuses with TypeError and never runs the handler; a repeated id is ignored', async () => {
  const answers: unknown[] = [];
  let runs = 0;
  const server = rpcServer<Body, string>(
    isBody,
    async () => {
      runs++;
      return new Promise<string>(() => undefined);
    },
    (m) => answers.push(m),
  );
  server.receive({ type: 'rpc/request', id: 'x', body: { type: 'nope' } });
  server.receive({ type: 'rpc/request', id: 'y', body: { type: 'wait' } });
  server.receive({ type: 'rpc/request', id: 'y', body: { type: 'wait' } });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, [
    { type: 'rpc/answer', id: 'x', ok: false, error: { name: 'TypeError', message: 'Malformed request.' } },
  ]);
  assert.equal(runs, 1);
  server.abortAll(new Error('gone'));
  assert.equal(server.size, 0);
});

test('after abortAll the server posts nothing more', async () => {
  const posted: unknown[] = [];
  let finish: (v: string) => void = () => undefined;
  const server = rpcServer<Body, string>(
    isBody,
    () => new Promise<string>((r) => (finish = r)),
    (m) => posted.push(m),
  );
  server.receive({ type: 'rpc/request', id: 'a', body: { type: 'wait' } });
  await new Promise((r) => setTimeout(r, 0));
  server.abortAll(undefined);
  finish('late');
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(posted, []);
});

test('envelope guard: only well-formed rpc messages pass', () => {
  const good = [
    { type: 'rpc/request', id: '1', body: null },
    { type: 'rpc/answer', id: '1', ok: true, value: 0 },
    { type: 'rpc/answer', id: '1', ok: false, error: { name: 'E', message: 'm' } },
    { type: 'rpc/abort', id: '1' },
  ];
  const bad = [
    null,
    42,
    'rpc/request',
    [],
    { type: 'rpc/request', id: 1, body: {} },
    { type: 'rpc/request', id: '', body: {} },
    { type: 'rpc/request', id: 'x'.repeat(101), body: {} },
    { type: 'rpc/request', id: '1' },
    { type: 'rpc/answer', id: '1', ok: false, error: 'boom' },
    { type: 'rpc/answer', id: '1', ok: 'yes', value: 1 },
    { type: 'rpc/abort', id: '1', reason: 'why' },
    { type: 'rpc/other', id: '1' },
  ];
  for (const m of good) assert.equal(isRpcMessage(m), true, JSON.stringify(m));
  for (const m of bad) assert.equal(isRpcMessage(m), false, JSON.stringify(m));
});

test('a client ignores answers it never asked for and answers that come twice', async () => {
  const client = rpcClient<Body, string>(() => true);
  const h = client.request({ type: 'wait' });
  assert.equal(client.receive({ type: 'rpc/answer', id: '99', ok: true, value: 'x' }), false);
  assert.equal(client.receive({ type: 'rpc/answer', id: '1', ok: true, value: 'first' }), true);
  assert.equal(client.receive({ type: 'rpc/answer', id: '1', ok: true, value: 'second' }), false);
  assert.deepEqual(await h.answer, { ok: true, value: 'first' });
});

test('pendingTable: settle once, by id; a timeout gives its value', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const t = pendingTable<string>();
    const a = t.wait('a', Infinity, () => 'never');
    const b = t.wait('b', 50, () => 'timed out');
    assert.deepEqual(t.ids(), ['a', 'b']);
    assert.equal(t.settle('a', 'answered'), true);
    assert.equal(t.settle('a', 'again'), false);
    mock.timers.tick(50);
    assert.deepEqual(await Promise.all([a, b]), ['answered', 'timed out']);
    assert.equal(t.size, 0);
  } finally {
    mock.timers.reset();
  }
});
