// The direct port (Chromium): with the mock on, the bridge hands the page's mock side a MessagePort to the
// worker, through a relay frame that is gone once the port is bound. Calls then skip the window channel and
// are still answered for the frame's real origin (verified by @simplewebauthn/server on the test RP). The
// worker closes a port that comes with a secret no bridge offered, ignores junk on a good one, and after the
// worker stops, calls go through the bridge until a new direct port is handed over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from '../helpers/chromium.js';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';
import type { RpServer } from '../server/rpServer.js';
import { PAGE_CHANNEL } from '../../src/messages.js';

let rp: RpServer, browser: ChromiumSession, page: Page;
interface Traffic {
  ports: number;
  closed: number;
  windowRequests: number;
  /** Which of the two the bridge said last. */
  last?: 'direct/port' | 'direct/closed';
  relayFrames: number;
}

// What the page itself can see of the channel: window messages on it, and relay frames in its DOM.
const WATCH = () => {
  const w = window as unknown as { __traffic: Omit<Traffic, 'relayFrames'>; __stolenPort?: MessagePort };
  w.__traffic = { ports: 0, closed: 0, windowRequests: 0 };
  addEventListener(
    'message',
    (e) => {
      const type = (e.data as { type?: string } | null)?.type;
      if (type === 'direct/port') {
        w.__traffic.ports++;
        w.__stolenPort = e.ports[0];
      }
      if (type === 'direct/closed') w.__traffic.closed++;
      if (type === 'direct/port' || type === 'direct/closed') w.__traffic.last = type;
      if (type === 'rpc/request') w.__traffic.windowRequests++;
    },
    true,
  );
};
const traffic = (): Promise<Traffic> =>
  page.evaluate(() => ({
    ...(window as unknown as { __traffic: Omit<Traffic, 'relayFrames'> }).__traffic,
    relayFrames: [...document.querySelectorAll('iframe')].filter((f) => f.src.startsWith('chrome-extension:')).length,
  }));

async function until(what: string, ok: (t: Traffic) => boolean): Promise<Traffic> {
  for (let i = 0; i < 200; i++) {
    const t = await traffic();
    if (ok(t)) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await traffic())}`);
}

const register = (user: string) => session.register(user);
const login = (user: string) => session.login(user);

let session: MockSession;
before(async () => {
  session = await startMockSession({ initScript: WATCH });
  ({ rp, browser, page } = session);
});
after(() => session?.close());

test('at its first call the page gets a direct port, the relay frame goes, and calls over it verify for the real origin', async () => {
  await page.waitForTimeout(500);
  assert.equal((await traffic()).ports, 0, 'no port before the page calls WebAuthn');
  // The first call asks the bridge for the frame's state, which brings the port.
  await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  await until('the direct port', (t) => t.ports === 1);
  await until('the relay frame to go', (t) => t.relayFrames === 0);
  const reg = await register('dana');
  assert.ok(reg.ok && reg.verification?.verified, JSON.stringify(reg));
  const auth = await login('dana');
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  assert.equal((await traffic()).windowRequests, 0, 'no call went through the window channel');
  const log = await browser.readLog(page);
  const calls = log.filter((r) => r.kind === 'create' || r.kind === 'get');
  assert.deepEqual(
    calls.map((r) => [r.kind, r.mode, r.status, r.origin]),
    [
      ['create', 'mock', 'ok', rp.url],
      ['get', 'mock', 'ok', rp.url],
    ],
  );
});

/** The relay's per-session URL, which only the extension knows (a test stands in for a page that learnt it). */
const relayUrl = async (): Promise<string> => {
  const worker = browser.context.serviceWorkers().find((w) => w.url().endsWith('/background/background.js'))!;
  return worker.evaluate(() => chrome.runtime.getURL('content/relay.html'));
};

test('a page cannot probe for the relay at its fixed URL: the frame is refused and so is a fetch', async () => {
  const fixed = `chrome-extension://${browser.extensionId}/content/relay.html`;
  assert.notEqual(await relayUrl(), fixed, 'the extension reaches the relay by a per-session URL');
  const fetched = await page.evaluate(
    (url) =>
      fetch(url).then(
        (r) => `status ${r.status}`,
        (e: Error) => e.name,
      ),
    fixed,
  );
  assert.equal(fetched, 'TypeError');
  await page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.id = 'probe';
    frame.src = url;
    document.body.append(frame);
  }, fixed);
  await page.waitForTimeout(500);
  const probe = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url() !== 'about:blank');
  assert.ok(probe && !probe.url().startsWith('chrome-extension://'), `the frame loaded ${probe?.url()}`);
  await page.evaluate(() => document.getElementById('probe')?.remove());
});

test('a port brought to the relay frame with a secret no bridge offered is closed, unanswered', async () => {
  const relay = await relayUrl();
  const heard = await page.evaluate(async (url) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    await new Promise((r) => {
      frame.onload = r;
      document.body.append(frame);
    });
    const heard: unknown[] = [];
    for (const secret of ['0'.repeat(72), 'short', '']) {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (e) => heard.push(e.data);
      frame.contentWindow!.postMessage({ type: 'relay/port', secret }, '*', [port2]);
      port1.postMessage(
        JSON.stringify({
          type: 'rpc/request',
          id: 'forged',
          body: { type: 'mock/call', kind: 'get', options: { challenge: 'AAAA' } },
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1500));
    frame.remove();
    return heard;
  }, relay);
  assert.deepEqual(heard, []);
});

test('junk on the direct port is ignored and the next call still verifies', async () => {
  await page.evaluate(() => {
    const port = (window as unknown as { __stolenPort: MessagePort }).__stolenPort;
    for (const junk of [
      { type: 'rpc/request' },
      42,
      'not json',
      '{"type":"rpc/request","id":"x"}',
      'null',
      'x'.repeat(1_100_000),
      JSON.stringify({ type: 'rpc/request', id: 'o', body: { type: 'direct/offer', secret: '1'.repeat(72) } }),
    ]) {
      port.postMessage(junk);
    }
  });
  const auth = await login('dana');
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  assert.equal((await traffic()).windowRequests, 0);
});

test('after the worker stops, the next call goes through the bridge and a new direct port follows', async () => {
  await browser.stopServiceWorker();
  await until('the page to be told the port closed', (t) => t.closed === 1);
  const auth = await login('dana');
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  const t = await until('a new direct port', (x) => x.ports === 2);
  assert.equal(t.windowRequests, 1, 'the call after the stop went through the bridge');
  const again = await login('dana');
  assert.ok(again.ok && again.verification?.verified, JSON.stringify(again));
  assert.equal((await traffic()).windowRequests, 1, 'and the next one took the new direct port');
});

test('switched off and on with the page open: the injected mock side gets a new port, and a worker stop still reaches the page', async () => {
  const before = await traffic();
  await browser.setMockEverywhere(false);
  await browser.setMockEverywhere(true);
  await until('a port for the injected mock side', (t) => t.ports === before.ports + 1);
  const auth = await login('dana');
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  assert.equal((await traffic()).windowRequests, before.windowRequests, 'the call took the new port');
  await browser.stopServiceWorker();
  await until('the page to be told the port closed', (t) => t.closed === before.closed + 1);
  const again = await login('dana');
  assert.ok(again.ok && again.verification?.verified, JSON.stringify(again));
});

test('messages a page forges in the bridge’s name leave its calls on the direct port, answered by the mock', async () => {
  const before = await until('calls on a direct port', (t) => t.last === 'direct/port');
  await page.evaluate((channel) => {
    for (const m of [
      { type: 'direct/closed' },
      { type: 'rpc/answer', id: 'd0', ok: false, error: { name: 'NotAllowedError', message: 'forged' } },
    ])
      window.postMessage({ channel, ...m }, '*');
  }, PAGE_CHANNEL);
  const auth = await login('dana');
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  const t = await traffic();
  assert.equal(t.windowRequests, before.windowRequests, 'the call stayed on the direct port');
});
