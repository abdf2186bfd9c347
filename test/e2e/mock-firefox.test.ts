// The mock authenticator in Firefox ESR, which has no virtual authenticator of its own: turned on from
// the popup page, it signs up and signs in on the test RP, verified by @simplewebauthn/server, and the
// ceremonies are recorded as answered by the mock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './helpers/firefox.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';

let ff: FirefoxSession, rp: RpServer, page: Page;
type Outcome = { ok: boolean; errorName?: string; verification?: { verified: boolean } };

before(async () => {
  rp = await startRpServer();
  ff = await launchFirefox();
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.waitForFunction(() => !!document.querySelector('input[type=checkbox]'), { polling: 100, timeout: 10000 });
  await popup.evaluate(() => (document.querySelector('input[type=checkbox]') as HTMLInputElement).click());
  await popup.waitForFunction(() => (document.querySelector('input[type=checkbox]') as HTMLInputElement).checked, { polling: 100, timeout: 10000 });
  page = await ff.browser.newPage();
  await page.goto(`${rp.url}/`);
  await page.evaluate('globalThis.__name = (f) => f');
});
after(async () => {
  await ff?.close();
  await rp?.close();
});

test('sign-up and sign-in with the mock in Firefox, verified by the RP', async () => {
  const reg = await page.evaluate(() => (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register('firefox-user')) as Outcome;
  assert.ok(reg.ok && reg.verification?.verified, JSON.stringify(reg));
  const auth = await page.evaluate(() => (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('firefox-user')) as Outcome;
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  const isPkc = await page.evaluate(async () => {
    const c = await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'localhost' } });
    return c instanceof PublicKeyCredential && (c as PublicKeyCredential).response instanceof AuthenticatorAssertionResponse;
  });
  assert.equal(isPkc, true);
});
