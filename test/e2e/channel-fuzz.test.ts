// Bad input on every channel a page can reach, in Chromium with the mock on: a hostile page (another origin,
// on an IP address, so no RP ID is ever its own) sends random and mutated messages on the window channel, on
// the direct port its mock side was handed, and to the relay frame. Afterwards the worker still answers,
// another tab's log and the credential store are as they were, the hostile tab's records carry its own origin,
// and no answer it got holds a credential. The messages come from fast-check with a fixed seed: a failure
// names the seed and replays.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';

const CHANNEL = '__webauthn_devtools__';
const SEED = 20261202;
const COUNT = 600;

let session: MockSession;
before(async () => {
  session = await startMockSession();
});
after(() => session?.close());

/** Well-formed messages of every kind a page may send, the seeds of the mutations. */
const VALID: object[] = [
  {
    channel: CHANNEL,
    type: 'log/ceremony',
    record: { id: 'f-1', kind: 'get', mode: 'mock', status: 'ok', startTime: 1 },
  },
  {
    channel: CHANNEL,
    type: 'rpc/request',
    id: 'r-1',
    body: { type: 'mock/call', kind: 'get', options: { challenge: 'AAAA', rpId: 'localhost' } },
  },
  {
    channel: CHANNEL,
    type: 'rpc/request',
    id: 'r-2',
    body: {
      type: 'mock/call',
      kind: 'create',
      options: {
        rp: { id: 'localhost', name: 'x' },
        user: { id: 'AAAA', name: 'x', displayName: 'x' },
        challenge: 'AAAA',
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    },
  },
  {
    channel: CHANNEL,
    type: 'rpc/request',
    id: 'r-3',
    body: {
      type: 'mock/signal',
      name: 'signalUnknownCredential',
      argument: { rpId: 'localhost', credentialId: 'AAAA' },
    },
  },
  { channel: CHANNEL, type: 'rpc/abort', id: 'r-1' },
  { channel: CHANNEL, type: 'mock/state-request' },
];

/** Sets `value` at a random depth of a copy of `m`: a message that is almost right. */
function mutated(m: object, path: string[], value: unknown): object {
  const copy = structuredClone(m) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const [i, key] of path.entries()) {
    const keys = Object.keys(at);
    const k = keys.length && i < path.length - 1 ? keys[key.length % keys.length]! : key;
    if (i === path.length - 1 || typeof at[k] !== 'object' || at[k] === null) {
      at[keys.length ? keys[key.length % keys.length]! : k] = value;
      break;
    }
    at = at[k] as Record<string, unknown>;
  }
  return copy;
}

const messages = fc.sample(
  fc.oneof(
    fc.record({ channel: fc.constant(CHANNEL), type: fc.string(), body: fc.jsonValue() }),
    fc
      .tuple(fc.constantFrom(...VALID), fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.jsonValue())
      .map(([m, path, v]) => mutated(m, path, v)),
    fc.constantFrom(...VALID),
  ),
  { numRuns: COUNT, seed: SEED },
);

/** What the popup says the mock holds: its credentials heading. */
async function credentialCount(): Promise<string> {
  const popup = await session.browser.context.newPage();
  await popup.goto(`chrome-extension://${session.browser.extensionId}/popup/popup.html`);
  const text = await popup.getByRole('heading', { name: /^Credentials/ }).textContent();
  await popup.close();
  return text ?? '';
}

test(`${COUNT} random and mutated messages on the window channel, the direct port and the relay frame (seed ${SEED})`, async () => {
  const { browser, rp, page: victim } = session;
  await victim.bringToFront();
  assert.equal((await session.register('victim')).ok, true);
  const victimLog = (await browser.readLog(victim)).map((r) => [r.id, r.status]);
  const heldBefore = await credentialCount();

  const hostile: Page = await browser.context.newPage();
  await hostile.addInitScript(() => {
    const w = window as unknown as { __ports: MessagePort[]; __answers: unknown[] };
    w.__ports = [];
    w.__answers = [];
    addEventListener(
      'message',
      (e) => {
        if (e.ports[0]) w.__ports.push(e.ports[0]);
        const d = e.data as { type?: string; ok?: boolean; value?: unknown } | null;
        if (d?.type === 'rpc/answer') w.__answers.push(d);
      },
      true,
    );
  });
  const hostileOrigin = rp.url.replace('localhost', '127.0.0.1');
  await hostile.goto(`${hostileOrigin}/blank.html?hostile`);
  await hostile.bringToFront();
  // The direct port comes with a frame's first WebAuthn call.
  await hostile.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  await hostile.waitForFunction(() => (window as unknown as { __ports: MessagePort[] }).__ports.length > 0);
  // The relay's per-session URL, which a hostile page would have to learn first.
  const worker = browser.context.serviceWorkers().find((w) => w.url().endsWith('/background/background.js'))!;
  const relayUrl = await worker.evaluate(() => chrome.runtime.getURL('content/relay.html'));
  const sent = await hostile.evaluate(
    async ([json, relay]) => {
      const list = JSON.parse(json) as unknown[];
      const w = window as unknown as { __ports: MessagePort[] };
      const frame = document.createElement('iframe');
      frame.src = relay;
      document.body.append(frame);
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      let n = 0;
      for (const m of list) {
        postMessage(m, '*');
        for (const p of w.__ports) p.postMessage(n % 3 === 0 ? '{"not json' : JSON.stringify(m));
        const ch = new MessageChannel();
        frame.contentWindow?.postMessage({ type: 'relay/port', secret: String(n), junk: m }, '*', [ch.port2]);
        if (++n % 50 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      return { n, ports: w.__ports.length };
    },
    [JSON.stringify(messages), relayUrl] as const,
  );
  assert.equal(sent.n, COUNT);
  assert.ok(sent.ports >= 1, 'the hostile page held a direct port to the worker');
  await hostile.waitForTimeout(1500);
  const answers = (await hostile.evaluate(
    () => (window as unknown as { __answers: Array<{ ok: boolean; value?: { credential?: unknown } }> }).__answers,
  )) as Array<{ ok: boolean; value?: { credential?: unknown } }>;
  const hostileLog = await browser.readLog(hostile);
  await hostile.close();

  assert.ok(answers.length > 0, 'the worker answered some requests');
  assert.deepEqual(
    answers.filter((a) => a.ok && a.value?.credential),
    [],
    'no credential was made or used for the hostile origin',
  );
  assert.ok(
    hostileLog.every((r) => r.origin === hostileOrigin),
    'forged records carry the origin the browser gave',
  );
  await victim.bringToFront();
  assert.equal((await session.login('victim')).ok, true, 'the worker still answers the other tab');
  const afterLog = (await browser.readLog(victim)).map((r) => [r.id, r.status]);
  assert.deepEqual(afterLog.slice(0, victimLog.length), victimLog, "the other tab's log is as it was");
  assert.equal(await credentialCount(), heldBefore, 'the store holds what it held');
});
