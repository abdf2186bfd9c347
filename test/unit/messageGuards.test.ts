// The guards on what a page can send: well-formed messages pass, anything else is refused without a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDirectOffer, isMockRequest, isPageCeremony, isPageToBridge, messageSize } from '../../src/messageGuards.js';
import { PAGE_CHANNEL } from '../../src/messages.js';

const record = {
  id: 'r1',
  kind: 'create',
  mode: 'native',
  status: 'ok',
  startTime: 1,
  url: 'https://a.test/',
  topLevel: true,
};
const call = { type: 'mock/call', kind: 'get', options: { challenge: 'AAAA' } };
const onWindow = (m: object) => ({ channel: PAGE_CHANNEL, ...m });

test('each message a page may send passes', () => {
  assert.equal(isPageToBridge(onWindow({ type: 'log/ceremony', record })), true);
  assert.equal(isPageToBridge(onWindow({ type: 'rpc/request', id: 'w1', body: call })), true);
  assert.equal(
    isPageToBridge(onWindow({ type: 'rpc/abort', id: 'w1', reason: { name: 'AbortError', message: 'x' } })),
    true,
  );
  assert.equal(isPageToBridge(onWindow({ type: 'mock/state-request' })), true);
});

test('the bridge refuses what the page may not send or sends malformed', () => {
  const bad = [
    // The mock's page side says it is here by a DOM event now, never on the window.
    onWindow({ type: 'mock/hello' }),
    { type: 'log/ceremony', record },
    onWindow({ type: 'log/ceremony', record: { ...record, id: '' } }),
    onWindow({ type: 'log/ceremony', record: { ...record, id: 'x'.repeat(101) } }),
    onWindow({ type: 'log/ceremony', record: { ...record, kind: 'steal' } }),
    onWindow({ type: 'log/ceremony', record: { ...record, startTime: Infinity } }),
    onWindow({ type: 'log/ceremony', record: { ...record, error: 'boom' } }),
    onWindow({ type: 'rpc/request', id: 'w1', body: { ...call, type: 'direct/offer', secret: 'x'.repeat(72) } }),
    onWindow({ type: 'rpc/request', id: 'w1', body: { ...call, kind: 'delete' } }),
    onWindow({ type: 'rpc/request', id: 'w1', body: { ...call, options: 'AAAA' } }),
    onWindow({ type: 'rpc/request', id: 7, body: call }),
    onWindow({ type: 'rpc/answer', id: 'w1', ok: true, value: {} }),
    onWindow({ type: 'mock/state', state: { enabled: true } }),
    { channel: 'other', type: 'mock/hello' },
    null,
    'text',
    [],
  ];
  for (const m of bad) assert.equal(isPageToBridge(m), false, JSON.stringify(m));
});

test('mock request and direct offer bodies', () => {
  assert.equal(isMockRequest(call), true);
  assert.equal(isMockRequest({ ...call, mediation: 'conditional' }), true);
  assert.equal(isMockRequest({ ...call, mediation: 1 }), false);
  assert.equal(isMockRequest({ kind: 'get', options: {} }), false, 'a body without its type');
  assert.equal(isDirectOffer({ type: 'direct/offer', secret: 's' }), true);
  assert.equal(isDirectOffer({ type: 'direct/offer', secret: 1 }), false);
});

test('property: no value makes a guard throw', () => {
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (a, b) => {
      for (const m of [
        a,
        onWindow({ type: 'log/ceremony', record: a }),
        onWindow({ type: 'rpc/request', id: 'x', body: b }),
      ]) {
        isPageToBridge(m);
        isPageCeremony(m);
        isMockRequest(m);
      }
    }),
  );
});

test('messageSize: JSON length, Infinity for what cannot be serialized', () => {
  assert.equal(messageSize({ a: 1 }), 7);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(messageSize(cyclic), Infinity);
  assert.equal(messageSize({ n: 10n }), Infinity);
});
