// The recorder in Firefox ESR (no virtual authenticator there, so calls that settle without one): the
// MAIN-world hook, the bridge and the background log work, origins come from the browser, and the panel
// page (opened in a tab with ?tab=<id>) lists what was recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../helpers/firefox.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

let ff: FirefoxSession, rp: RpServer, page: Page, ext: Page;

before(async () => {
  rp = await startRpServer();
  ff = await launchFirefox();
  page = await ff.browser.newPage();
  await page.goto(`${rp.url}/blank.html?firefox`);
  ext = await ff.openExtensionPage('devtools/panel.html?recording');
  // tsx names functions with an __name helper; the evaluated sources need it.
  for (const p of [page, ext]) await p.evaluate('globalThis.__name = (f) => f');
});
after(async () => {
  await ff?.close();
  await rp?.close();
});

async function tabLog(): Promise<{ tabId: number; log: CeremonyRecord[] }> {
  return ext.evaluate(async (url) => {
    const tabs = await browser.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id === undefined) throw new Error(`no tab ${url}: ${tabs.map((t) => t.url).join(' ')}`);
    const log = await new Promise<CeremonyRecord[]>((resolve) => {
      const port = browser.runtime.connect({ name: 'webauthn-devtools-panel' });
      port.onMessage.addListener((m: unknown) => {
        const msg = m as { type: string; ceremonies?: CeremonyRecord[] };
        if (msg.type === 'snapshot') {
          port.disconnect();
          resolve(msg.ceremonies ?? []);
        }
      });
      port.postMessage({ type: 'subscribe', tabId: tab.id });
    });
    return { tabId: tab.id, log };
  }, page.url()) as Promise<{ tabId: number; log: CeremonyRecord[] }>;
}

declare const browser: typeof chrome;

test('calls in Firefox are recorded with the browser-given origin and the error the page saw', async () => {
  const seen = await page.evaluate(async () => {
    const settle = (p: Promise<unknown>) =>
      p.then(
        (v) => `ok:${String(v)}`,
        (e: Error) => `error:${e.name}`,
      );
    return {
      uvpaa: await settle(PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()),
      wrongRp: await settle(
        navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'example.com' } }),
      ),
      badCreate: await settle(
        navigator.credentials.create({
          publicKey: { rp: { name: 'x' }, challenge: new Uint8Array(32), pubKeyCredParams: [] } as never,
        }),
      ),
      toString: String(navigator.credentials.get),
    };
  });
  assert.equal(seen.toString, 'function get() {\n    [native code]\n}');
  let result = await tabLog();
  for (let i = 0; i < 30 && result.log.filter((r) => r.status !== 'pending').length < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    result = await tabLog();
  }
  const { tabId, log } = result;
  const uvpaa = log.find((r) => r.kind === 'isUserVerifyingPlatformAuthenticatorAvailable');
  assert.equal(`ok:${String(uvpaa?.result)}`, seen.uvpaa);
  const get = log.find((r) => r.kind === 'get');
  assert.equal(`error:${get?.error?.name}`, seen.wrongRp);
  assert.equal((get?.options as { rpId?: string }).rpId, 'example.com');
  const create = log.find((r) => r.kind === 'create');
  assert.equal(`error:${create?.error?.name}`, seen.badCreate);
  for (const r of log) {
    assert.equal(r.origin, rp.url);
    assert.equal(r.tabId, tabId);
    assert.equal(r.topLevel, true);
  }

  // The panel page for this tab lists them.
  const panel = ext;
  await panel.evaluate('globalThis.__name = (f) => f');
  await panel
    .evaluate((id) => {
      location.search = `?tab=${id}`;
    }, tabId)
    .catch(() => undefined);
  await panel.waitForFunction(
    () => location.search.startsWith('?tab=') && document.body?.innerText.includes('example.com'),
    { polling: 200, timeout: 15000 },
  );
  const text = await panel.evaluate(() => document.body.innerText);
  assert.match(text, /SecurityError|NotAllowedError/);
});
