// The automation scenario (test/e2e/automation/scenario.ts) with Playwright driving Chromium, the extension
// loaded with chromiumArgs() and attached through the package's public entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { scenarioTests } from './automation/scenario.js';
import { CAPABILITY_CASES, capabilityProbeInPage } from './automation/capabilityCases.js';
import { addVirtualAuthenticator } from '../helpers/chromium.js';
import { cdpAuthenticatorOptions } from '../helpers/cdpWebAuthn.js';

let chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>;
const live = scenarioTests('Playwright + Chromium', async () => {
  chromium = await launchChromiumWithExtension();
  return { target: chromium.context, newPage: () => chromium.context.newPage(), close: () => chromium.close() };
});

test("Playwright + Chromium: deleting a virtual authenticator's credential in the popup fires credentialDeleted", async () => {
  const { controller } = live();
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

test("Playwright + Chromium: the panel shows a create()'s hints", async () => {
  const { controller, page } = live();
  const id = await controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb', hasResidentKey: true });
  const pw = page as unknown as import('playwright-core').Page;
  await pw.bringToFront();
  await pw.evaluate(() =>
    navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'Hints' },
        user: { id: crypto.getRandomValues(new Uint8Array(8)), name: 'hints', displayName: 'Hints' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        hints: ['security-key', 'client-device'],
      } as PublicKeyCredentialCreationOptions,
    }),
  );
  const extensionId = new URL(chromium.context.serviceWorkers()[0]!.url()).host;
  const panel = await chromium.context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  const tabId = await panel.evaluate(
    async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!,
    pw.url(),
  );
  await panel.goto(`chrome-extension://${extensionId}/devtools/panel.html?tab=${tabId}`);
  await panel.locator('.list-body .row:has(.kind:text-is("create"))').last().dispatchEvent('mousedown');
  const hintsRow = panel.locator('.detail [data-section="options"] tr[data-field="hints"]');
  assert.match((await hintsRow.textContent()) ?? '', /security-key.*client-device/s);
  await panel.close();
  await controller.removeVirtualAuthenticator(id);
});

test("Playwright + Chromium: the capability cases' expected outcomes are those of Chromium's virtual authenticator", async () => {
  const { origin } = live();
  const page = await chromium.context.newPage();
  await page.goto(`${origin}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  await page.bringToFront();
  const outcomes: Record<string, unknown> = {};
  for (const c of CAPABILITY_CASES) {
    const va = await addVirtualAuthenticator(chromium.context, page, cdpAuthenticatorOptions(c.authenticator));
    outcomes[c.name] = await page.evaluate(capabilityProbeInPage, c.probe);
    await va.remove();
  }
  await page.close();
  assert.deepEqual(outcomes, Object.fromEntries(CAPABILITY_CASES.map((c) => [c.name, c.expected])));
});
