// The mock's page side is a separate MAIN-world script that the background registers only while the mock is
// on: with the mock off a page runs the hook alone (nothing answers the link event); switched on, pages
// already open get it and are answered by the mock without a reload; switched off, the registration goes
// and the open page's calls are native again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addVirtualAuthenticator, type ChromiumSession } from '../helpers/chromium.js';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';
import type { RpServer } from '../server/rpServer.js';
import { LINK_EVENT, mockSideAnswersInPage } from '../helpers/mockSide.js';

let rp: RpServer, browser: ChromiumSession, page: Page;

const setMock = (on: boolean) => browser.setMockEverywhere(on);

/** What the extension has registered, read in an extension page (the page itself cannot ask). */
async function registered(): Promise<string[]> {
  const p = await browser.context.newPage();
  await p.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const ids = await p.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
  await p.close();
  return ids;
}

/** Whether a mock side answers the hook's hello in this page (what the hook would link to). */
const mockSideAnswers = (p: Page) => p.evaluate(mockSideAnswersInPage, LINK_EVENT);

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await f();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A registration from the page; returns the mode the log recorded it with and the credential's AAGUID. */
async function registerOnce(p: Page, user: string): Promise<{ mode?: string; ok: boolean }> {
  const ok = await p.evaluate(async (u) => {
    try {
      await navigator.credentials.create({
        publicKey: {
          rp: { id: 'localhost', name: 'RP' },
          user: { id: new TextEncoder().encode(u), name: u, displayName: u },
          challenge: new Uint8Array(32),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        },
      });
      return true;
    } catch {
      return false;
    }
  }, user);
  const log = await until(
    () => browser.readLog(p),
    (l) =>
      l.some(
        (r) =>
          r.kind === 'create' &&
          r.status !== 'pending' &&
          (r.options as { user?: { name?: string } })?.user?.name === user,
      ),
    `the record of ${user}`,
  );
  const rec = log.find((r) => r.kind === 'create' && (r.options as { user?: { name?: string } })?.user?.name === user)!;
  return { mode: rec.mode, ok };
}

let session: MockSession;
before(async () => {
  session = await startMockSession({ mockOff: true, path: '/blank.html' });
  ({ rp, browser, page } = session);
  // Native calls need an authenticator: Chromium's virtual one answers them.
  await addVirtualAuthenticator(browser.context, page);
});
after(() => session?.close());

test('mock off: nothing registered, the page runs the hook alone and calls are native', async () => {
  assert.deepEqual(await registered(), []);
  assert.equal(await mockSideAnswers(page), false);
  assert.deepEqual(await registerOnce(page, 'before'), { mode: 'native', ok: true });
});

test('mock off: no window message of the extension reaches a page before it calls WebAuthn', async () => {
  const p = await browser.context.newPage();
  await p.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    addEventListener('message', (e) => seen.push(String((e.data as { type?: unknown } | null)?.type)), true);
  });
  await p.goto(`${rp.url}/blank.html?quiet`);
  await p.waitForTimeout(1000);
  const beforeCall = await p.evaluate(() => [...(window as unknown as { __seen: string[] }).__seen]);
  await p.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  await p.waitForTimeout(500);
  const afterCall = await p.evaluate(() => [...(window as unknown as { __seen: string[] }).__seen]);
  await p.close();
  assert.deepEqual(beforeCall, []);
  assert.ok(afterCall.includes('log/ceremony'), `the call's record travels on the channel: ${afterCall}`);
});

test('switched on: registered, and the page already open is answered by the mock without a reload', async () => {
  await setMock(true);
  await until(registered, (ids) => ids.includes('mock-answers'), 'the registration');
  await until(
    () => mockSideAnswers(page),
    (v) => v,
    'the mock side in the open page',
  );
  assert.deepEqual(await registerOnce(page, 'while-on'), { mode: 'mock', ok: true });
  // A page loaded now gets it at document_start: its very first call is the mock's.
  const fresh = await browser.context.newPage();
  await fresh.goto(`${rp.url}/blank.html?fresh`);
  assert.equal(await mockSideAnswers(fresh), true);
  assert.deepEqual(await registerOnce(fresh, 'fresh-page'), { mode: 'mock', ok: true });
  await fresh.close();
});

test("mock on everywhere: no window message reaches a page before it calls WebAuthn, and a static called first is the mock's", async () => {
  const p = await browser.context.newPage();
  await p.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    addEventListener('message', (e) => seen.push(String((e.data as { type?: unknown } | null)?.type)), true);
  });
  await p.goto(`${rp.url}/blank.html?quiet-on`);
  assert.equal(await mockSideAnswers(p), true, 'the mock side is in the page');
  await p.waitForTimeout(1000);
  const beforeCall = await p.evaluate(() => [...(window as unknown as { __seen: string[] }).__seen]);
  await p.bringToFront();
  const uvpaa = await p.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  const log = await until(
    () => browser.readLog(p),
    (l) => l.some((r) => r.kind === 'isUserVerifyingPlatformAuthenticatorAvailable' && r.status === 'ok'),
    "the static call's record",
  );
  const afterCall = await p.evaluate(() => [...(window as unknown as { __seen: string[] }).__seen]);
  await p.close();
  assert.deepEqual(beforeCall, []);
  assert.deepEqual(
    log.filter((r) => r.kind === 'isUserVerifyingPlatformAuthenticatorAvailable').map((r) => [r.mode, r.result]),
    [['mock', uvpaa]],
  );
  assert.ok(afterCall.includes('mock/state'), `the call brought the frame's state: ${afterCall}`);
});

test('a call at page load while the worker is busy waits for it: the mock answers, not the browser', async () => {
  await setMock(true);
  const p = await browser.context.newPage();
  // Were the call to go to the browser, Chromium's virtual authenticator would answer it (a "native" record).
  await addVirtualAuthenticator(browser.context, p);
  await p.bringToFront();
  // The worker busy for 2 s answers the frame's state late, as a worker that is starting or working does.
  const worker = await browser.worker();
  const busy = worker.evaluate(() => {
    const end = Date.now() + 2000;
    while (Date.now() < end);
  });
  await new Promise((r) => setTimeout(r, 200));
  await p.goto(`${rp.url}/blank.html?early-call`);
  await p.evaluate('globalThis.__name = (f) => f');
  const outcome = await registerOnce(p, 'early-call');
  await busy;
  await p.close();
  assert.deepEqual(outcome, { mode: 'mock', ok: true });
});

test('switched off: unregistered, the open page is native again, a new page has no mock side', async () => {
  await setMock(false);
  await until(registered, (ids) => ids.length === 0, 'the unregistration');
  await page.bringToFront(); // native calls need the focus the extension pages took
  assert.deepEqual(
    await until(
      () => registerOnce(page, `after-${Date.now()}`),
      (r) => r.mode === 'native',
      'a native call',
    ),
    { mode: 'native', ok: true },
  );
  const fresh = await browser.context.newPage();
  await fresh.goto(`${rp.url}/blank.html?fresh-off`);
  assert.equal(await mockSideAnswers(fresh), false);
  await fresh.close();
});

test('a page that misses the registered page script (the browser still starting) gets it injected', async () => {
  await setMock(true);
  await until(registered, (ids) => ids.includes('mock-answers'), 'the registration');
  // What a page loaded before the registrations are read sees: the mock on, and no page script registered.
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await ext.evaluate(() => chrome.scripting.unregisterContentScripts({ ids: ['mock-answers'] }));
  await ext.close();
  const missed = await browser.context.newPage();
  await missed.goto(`${rp.url}/blank.html?missed`);
  await until(
    () => mockSideAnswers(missed),
    (v) => v,
    'the injected mock side',
  );
  assert.deepEqual(await registerOnce(missed, 'missed-registration'), { mode: 'mock', ok: true });
  await missed.close();
  await setMock(false);
});

test('on for one site only: the page script runs on its host alone, and a page elsewhere hears nothing', async () => {
  const site = (origin: string, enabled: boolean | null) =>
    browser.extensionPage().then((ext) =>
      ext.evaluate(
        ([o, on]) =>
          new Promise<void>((resolve) => {
            const port = chrome.runtime.connect({ name: 'webauthn-devtools-mock' });
            port.onMessage.addListener((m: { type?: string; id?: string }) => {
              if (m.type === 'rpc/answer' && m.id === 'site') {
                port.disconnect();
                resolve();
              }
            });
            port.postMessage({ type: 'rpc/request', id: 'site', body: { type: 'site/set', origin: o, enabled: on } });
          }),
        [origin, enabled] as const,
      ),
    );
  await site(rp.url, true);
  const matches = async () => {
    const p = await browser.context.newPage();
    await p.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    const m = await p.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts())[0]?.matches ?? []);
    await p.close();
    return m;
  };
  assert.deepEqual(await until(matches, (m) => m.length > 0, 'the registration'), ['http://localhost/*']);
  const elsewhere = await browser.context.newPage();
  await elsewhere.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    addEventListener('message', (e) => seen.push(String((e.data as { type?: unknown } | null)?.type)), true);
  });
  await elsewhere.goto(`${rp.url.replace('localhost', '127.0.0.1')}/blank.html?elsewhere`);
  await elsewhere.waitForTimeout(1000);
  assert.deepEqual(await elsewhere.evaluate(() => (window as unknown as { __seen: string[] }).__seen), []);
  await elsewhere.close();
  const fresh = await browser.context.newPage();
  await fresh.goto(`${rp.url}/blank.html?on-for-this-site`);
  await fresh.evaluate('globalThis.__name = (f) => f');
  await fresh.bringToFront();
  assert.deepEqual(await registerOnce(fresh, 'site-only'), { mode: 'mock', ok: true });
  await fresh.close();
  await site(rp.url, null);
  await until(registered, (ids) => ids.length === 0, 'the unregistration');
});
