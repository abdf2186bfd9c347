// The panel page (devtools/panel.html?tab=<id>) fed live by the recorder: ceremonies made by the test RP's
// pages through the hook, answered by Chromium's virtual authenticator, appear as they happen, decoded and
// verified; the bad RP page's mistakes are listed; clear, preserve log and a service-worker restart behave.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { addVirtualAuthenticator } from '../helpers/chromium.js';
import { launchPanelBrowser, type PanelBrowser } from '../helpers/panelBrowser.js';

let browser: PanelBrowser;
let rp: RpServer;
let site: Page;
let panel: Page;

const kinds = (p: Page): Promise<string[]> =>
  p.$$eval('.list-body .row .kind', (l) => l.map((e) => e.textContent ?? ''));
const rowCount = (p: Page, n: number) =>
  p.waitForFunction((n) => document.querySelectorAll('.list-body .row').length === n, n);

/** Selects the last row of a kind and waits for its decoded detail. */
async function selectLast(kind: string): Promise<void> {
  const rows = await panel.$$(`.list-body .row:has(.kind:text-is("${kind}"))`);
  const row = rows.at(-1);
  assert.ok(row, `a ${kind} row`);
  const id = await row.getAttribute('data-id');
  await row.dispatchEvent('mousedown');
  await panel.waitForSelector(`.detail[data-detail="${id}"][data-decoded="true"]`);
}

const fieldText = (section: string, field: string): Promise<string> =>
  panel.textContent(`.detail [data-section="${section}"] tr[data-field="${field}"] > td`).then((t) => t ?? '');

async function click(selector: string): Promise<void> {
  // WebAuthn needs the page focused; the panel's tab took the focus when it opened.
  await site.bringToFront();
  await site.evaluate(() => (document.getElementById('out')!.textContent = ''));
  await site.click(selector);
  await site.waitForFunction(() => (document.getElementById('out')?.textContent ?? '') !== '');
}

describe('panel page following a tab live (Chromium, virtual authenticator)', () => {
  before(async () => {
    rp = await startRpServer();
    browser = await launchPanelBrowser();
    site = await browser.context.newPage();
    await site.goto(rp.url);
    await addVirtualAuthenticator(browser.context, site);
    const tabId = await browser.tabIdOf(site);
    panel = await browser.openPanel(`?tab=${tabId}`);
    await panel.waitForSelector('.list-body .empty');
  });
  after(async () => {
    await browser?.close();
    await rp?.close();
  });

  it('shows a registration as it happens, decoded', async () => {
    await click('#register');
    await panel.waitForSelector('.list-body .row.status-ok .kind:text-is("create")');
    assert.deepEqual(await kinds(panel), ['parseCreationOptionsFromJSON', 'create']);
    const cells = await panel.$$eval('.list-body .row:has(.kind:text-is("create")) > span', (s) =>
      s.map((e) => e.textContent),
    );
    assert.deepEqual(cells.slice(0, 6), ['create', 'ok', 'localhost', 'alice', rp.url, 'browser']);
    await selectLast('create');
    assert.match(await fieldText('options', 'user.id'), /UTF-8uid-alice/);
    const flags = await panel.$$eval('.detail [data-section="authenticatorData"] tr[data-flag]', (rows) =>
      rows.filter((r) => (r as HTMLElement).dataset.set === 'true').map((r) => (r as HTMLElement).dataset.flag),
    );
    assert.deepEqual(flags, ['UP', 'UV', 'AT']);
    assert.match(await fieldText('authenticatorData', 'rpIdHash'), /✓ SHA-256\("localhost"\)/);
    assert.match(await fieldText('authenticatorData', 'credentialPublicKey'), /-----BEGIN PUBLIC KEY-----/);
    const failed = await panel.$$('.detail [data-section="clientData"] .check[data-status="fail"]');
    assert.equal(failed.length, 0, 'client data checks pass');
  });

  it('verifies the assertion with the key from that registration', async () => {
    await click('#login');
    await panel.waitForSelector('.list-body .row.status-ok .kind:text-is("get")');
    await selectLast('get');
    assert.match(
      await fieldText('assertion', 'verification'),
      /signature verified with the key from the registration in this log/,
    );
    assert.match(await fieldText('assertion', 'userHandle'), /uid-alice/);
  });

  it('the Decode view decodes what the demo RP logged: the registration, and the sign-in with its options', async () => {
    const logged = (path: string) => rp.requests.filter((r) => r.path === path).at(-1)!;
    const reg = logged('/register/verify');
    const regAnswer = reg.answer as { verified: boolean; aaguid: string; credentialId: string };
    const regOptions = logged('/register/options').answer as { challenge: string };
    const loginOptions = logged('/login/options').answer as { challenge: string };
    const login = logged('/login/verify');
    assert.equal(regAnswer.verified, true);
    const p = await browser.openPanel('?recording');
    await p.click('[data-action="decode"]');
    const box = p.getByLabel('WebAuthn data to decode');
    const field = (section: string, name: string) =>
      p.textContent(`.decode-view [data-section="${section}"] tr[data-field="${name}"] > td`).then(String);

    // The response alone, as the server's log holds it.
    await box.fill(JSON.stringify((reg.body as { response: unknown }).response));
    await p.waitForSelector('.decode-view .detail[data-decoded="true"]');
    assert.match(await p.textContent('.recognised').then(String), /create\(\) response/);
    assert.match(await field('authenticatorData', 'aaguid'), new RegExp(regAnswer.aaguid));
    assert.match(await field('clientData', 'challenge'), new RegExp(regOptions.challenge));
    assert.match(await field('clientData', 'origin'), new RegExp(rp.url));
    assert.match(await field('clientData', 'type'), /webauthn\.create/);
    const id = await p.textContent('.decode-view [data-section="response"]').then(String);
    assert.ok(id.includes(regAnswer.credentialId), `the credential id ${regAnswer.credentialId} in ${id}`);

    // The sign-in's options and response, one after the other: one ceremony, its checks against the options.
    await box.fill(
      `${JSON.stringify(loginOptions)}\n${JSON.stringify((login.body as { response: unknown }).response)}`,
    );
    await p.waitForSelector('.decode-view .detail[data-decoded="true"] [data-section="options"]');
    assert.match(await p.textContent('.recognised').then(String), /request options and a get\(\) response/);
    assert.match(await field('clientData', 'challenge'), new RegExp(loginOptions.challenge));
    assert.match(await field('authenticatorData', 'rpIdHash'), /✓ SHA-256\("localhost"\)/);
    const failed = await p.$$('.decode-view [data-section="clientData"] .check[data-status="fail"]');
    assert.equal(failed.length, 0, 'the client data checks pass against the pasted options');
    await p.close();
  });

  it('starts a fresh list on navigation, and keeps it with preserve log', async () => {
    await site.goto(`${rp.url}/bad-rp.html`);
    await rowCount(panel, 0);
    await panel.check('input[name="preserve-log"]');
    await click('#register');
    await panel.waitForSelector('.list-body .row .kind:text-is("create")');
    await site.goto(`${rp.url}/bad-rp.html`);
    await site.waitForSelector('#register');
    assert.ok((await kinds(panel)).includes('create'), 'kept across navigation');
    await panel.uncheck('input[name="preserve-log"]');
  });

  it("flags the bad RP page's mistakes in its options", async () => {
    await click('#login');
    await panel.waitForSelector('.list-body .row .kind:text-is("get")');
    await selectLast('create');
    assert.match(await fieldText('options', 'challenge'), /0102030405060708 \(8 bytes\)/);
    assert.match(await fieldText('options', 'user.id'), /UTF-8bob@example\.com/);
    assert.match(await fieldText('options', 'attestation'), /direct/);
    assert.match(await fieldText('options', 'authenticatorSelection.requireResidentKey'), /false/);
    await selectLast('get');
    assert.match(await fieldText('options', 'allowCredentials'), /transports: none given/);
    assert.match(await fieldText('options', 'timeout'), /5000 ms/);
  });

  it('saves screenshots of the live panel, light and dark', async () => {
    await selectLast('create');
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      await browser.screenshot(panel, `panel-live-bad-rp-${scheme}`);
    }
    await panel.emulateMedia({ colorScheme: 'light' });
  });

  it('clears the log', async () => {
    await panel.click('.toolbar [aria-label="Clear"]');
    await rowCount(panel, 0);
    await site.reload();
    await site.waitForSelector('#register');
    assert.equal((await kinds(panel)).length, 0);
  });

  it('reconnects when the service worker restarts', async () => {
    await browser.stopServiceWorker();
    await panel.waitForSelector('.toolbar .offline');
    await click('#register');
    await panel.waitForSelector('.list-body .row.status-ok .kind:text-is("create")');
  });

  it("says how many records a flooding tab lost; another tab's log keeps all of its own", async () => {
    const earlier = (await browser.readLog(site)).length;
    await click('#register');
    // The sign-up's records (its parseCreationOptionsFromJSON and its create()) reach the log a moment after
    // the page settles: the quiet tab's log is read once they are in.
    let log = await browser.readLog(site);
    for (let i = 0; i < 100 && !(log.length >= earlier + 2 && log.every((r) => r.status !== 'pending')); i++) {
      await site.waitForTimeout(50);
      log = await browser.readLog(site);
    }
    const quiet = log.map((r) => r.id);
    assert.ok(quiet.length >= earlier + 2, `${quiet.length} records after ${earlier}`);
    const flooder = await browser.context.newPage();
    await flooder.goto(`${rp.url}/blank.html?flood`);
    // 20 calls whose options carry 400 KB of unknown extension input: 8 MB against a 3 MB budget per tab.
    await flooder.evaluate(async () => {
      const junk = 'x'.repeat(400 * 1024);
      for (let i = 0; i < 20; i++) {
        await navigator.credentials
          .get({
            publicKey: { challenge: new Uint8Array(32), extensions: { junk } as AuthenticationExtensionsClientInputs },
            signal: AbortSignal.abort(),
          })
          .catch(() => undefined);
      }
    });
    const flooderPanel = await browser.openPanel(`?tab=${await browser.tabIdOf(flooder)}`);
    // Records reach the worker a moment after the calls settle: wait until all 20 are kept or counted.
    let n = 0,
      kept = 0;
    for (let i = 0; i < 100 && kept + n < 20; i++) {
      await flooderPanel.waitForTimeout(100);
      n = Number((await flooderPanel.getAttribute('.toolbar .dropped', 'data-dropped').catch(() => null)) ?? 0);
      kept = await flooderPanel.$$eval('.list-body .row', (rows) => rows.length);
    }
    assert.equal((await browser.readLog(flooder)).length, kept, 'the panel shows what the log holds');
    assert.ok(n >= 10, `${n} dropped`);
    assert.equal(kept + n, 20, `${kept} kept and ${n} dropped of 20`);
    await browser.screenshot(flooderPanel, 'panel-live-dropped');
    await flooderPanel.close();
    await flooder.close();
    assert.deepEqual(
      (await browser.readLog(site)).map((r) => r.id),
      quiet,
      "the quiet tab's log is whole",
    );
  });
});
