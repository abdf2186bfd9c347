// The automation scenario (test/e2e/automation/scenario.ts) with Playwright driving Chromium, the extension
// loaded with chromiumArgs() and attached through the package's public entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>, page: Page;
let controller: Controller, setup: ScenarioSetup;

before(async () => {
  rp = await startRpServer();
  chromium = await launchChromiumWithExtension();
  controller = await attach(chromium.context);
  page = await chromium.context.newPage();
  await page.goto(`${rp.url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  setup = { controller, page, origin: rp.url, bringToFront: () => page.bringToFront() };
});
after(async () => {
  await controller?.close();
  await chromium?.close();
  await rp?.close();
});

test('Playwright + Chromium: the eight automation steps', () => runAutomationScenario(setup));
test('Playwright + Chromium: a page can neither add nor read a credential through the control channel', () =>
  assertPageCannotControl(setup));

test("Playwright + Chromium: deleting a virtual authenticator's credential in the popup fires credentialDeleted", async () => {
  const id = await controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb' });
  const credentialId = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64url');
  await controller.addCredential(id, {
    credentialId,
    isResidentCredential: false,
    rpId: 'localhost',
    privateKey: pkcs8,
    signCount: 0,
    userName: 'popup-user',
  });
  const deleted: string[] = [];
  const off = controller.on('credentialDeleted', (e) => deleted.push(e.credential.credentialId));
  const extensionId = new URL(chromium.context.serviceWorkers()[0]!.url()).host;
  const popup = await chromium.context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.getByLabel('Delete credential of popup-user for localhost').click();
  for (let i = 0; i < 50 && !deleted.length; i++) {
    await controller.flushEvents();
    await popup.waitForTimeout(50);
  }
  off();
  await popup.close();
  assert.deepEqual(deleted, [credentialId]);
  assert.deepEqual(await controller.getCredentials(id), []);
  await controller.removeVirtualAuthenticator(id);
});
