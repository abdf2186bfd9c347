// RP security tests by hand (Chromium): the popup's Security tests pick a tampering for the next ceremony of
// its kind, or for every one; the test RP (@simplewebauthn/server) refuses the tampered response, the panel
// marks the row and lists each change as field, before and after, and the ceremony after is honest again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { launchPanelBrowser, type PanelBrowser } from '../helpers/panelBrowser.js';
import { popupSettled } from '../helpers/chromium.js';
import type { Outcome } from '../helpers/mockSession.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

let rp: RpServer, browser: PanelBrowser, site: Page;
type Demo = { webauthnTest: { register(u: string): Promise<Outcome>; login(u: string): Promise<Outcome> } };
const accepted = (o: Outcome) => o.ok && o.verification?.verified === true;
const register = async (u: string) => {
  await site.bringToFront();
  return site.evaluate((x) => (window as unknown as Demo).webauthnTest.register(x), u);
};
const login = async (u: string) => {
  await site.bringToFront();
  return site.evaluate((x) => (window as unknown as Demo).webauthnTest.login(x), u);
};

async function popup(f: (p: Page) => Promise<void>): Promise<void> {
  const p = await browser.context.newPage();
  await p.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await p.getByLabel('Tampering').waitFor();
  await f(p);
  await p.close();
}
const pick = (value: string, every = false, screenshot?: string) =>
  popup(async (p) => {
    await p.getByLabel('Tampering').selectOption(value);
    if (value) await p.getByRole('status').waitFor();
    if (every) await p.getByLabel('Tamper with every ceremony').check();
    await popupSettled(p);
    if (screenshot) {
      // As the toolbar popup shows it: its width, light and dark.
      await p.setViewportSize({ width: 420, height: 560 });
      await browser.screenshot(p, screenshot);
      await p.emulateMedia({ colorScheme: 'dark' });
      await browser.screenshot(p, `${screenshot}-dark`);
      await p.emulateMedia({ colorScheme: 'light' });
    }
  });
const pickedNow = async () => {
  let v = '';
  await popup(async (p) => {
    v = await p.getByLabel('Tampering').inputValue();
  });
  return v;
};

/** The tab's records of create()/get(), once `n` of them have settled. */
async function ceremonies(n: number): Promise<CeremonyRecord[]> {
  for (let i = 0; i < 100; i++) {
    const log = (await browser.readLog(site)).filter((r) => r.kind === 'create' || r.kind === 'get');
    if (log.length >= n && log.every((r) => r.status !== 'pending')) return log;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} ceremonies in the log`);
}

before(async () => {
  rp = await startRpServer();
  browser = await launchPanelBrowser();
  await browser.setMockEverywhere(true);
  site = await browser.context.newPage();
  await site.goto(`${rp.url}/`);
});
after(async () => {
  await browser?.close();
  await rp?.close();
});

test('the next registration answers with up-clear: the RP refuses it, the panel shows the change, the next is honest', async () => {
  await pick('create:up-clear', false, 'popup-security-tests');
  const tampered = await register('tess');
  assert.equal(tampered.ok, true, 'the page got a credential');
  assert.equal(accepted(tampered), false, `the RP accepted UP clear: ${JSON.stringify(tampered.verification)}`);
  assert.equal(await pickedNow(), '', 'used up by that one ceremony');
  const honest = await register('tess');
  assert.ok(accepted(honest), JSON.stringify(honest));

  const [first, second] = await ceremonies(2);
  const { verdict, ...mark } = first!.tampering!;
  assert.deepEqual(mark, {
    id: 'up-clear',
    changes: [{ field: 'authenticatorData.UP', before: true, after: false }],
  });
  // From the RP's own answer to the request that carried the response.
  assert.deepEqual(verdict, { accepted: false, status: 400, method: 'POST', url: `${rp.url}/register/verify` });
  assert.equal(second!.tampering, undefined);

  const panel = await browser.openPanel(`?tab=${await browser.tabIdOf(site)}`);
  await panel.waitForSelector('.list-body .row');
  const marks = await panel.$$eval('.list-body .row', (rows) =>
    rows.map((r) => [r.querySelector('.kind')?.textContent ?? '', !!r.querySelector('.tampered')]),
  );
  assert.deepEqual(
    marks.filter(([k]) => String(k).startsWith('create')).map(([, m]) => m),
    [true, false],
  );
  await panel.click('.list-body .row:has(.tampered)');
  const section = panel.locator('[data-section="tampering"]');
  await section.waitFor();
  const rows = await section.locator('.tamper-changes tbody tr').allInnerTexts();
  assert.deepEqual(
    rows.map((r) => r.split('\t').map((c) => c.trim())),
    [['authenticatorData.UP', 'true', 'false']],
  );
  assert.match(await section.innerText(), /UP is set/);
  assert.match(await section.locator('[data-field="the RP"]').innerText(), /refused, as it must \(HTTP 400/);
  await browser.screenshot(panel, 'panel-tampered');
  // The attestation object in CBOR diagnostic notation, as encoded.
  await panel.click('[data-section="cbor"] .disclosure');
  const cbor = await panel.locator('[data-cbor="attestationObject"] pre').innerText();
  assert.match(cbor, /^\{"fmt": "none", "attStmt": \{\}, "authData": h'[0-9a-f]{200,}'\}$|^\{\n {2}"fmt": "none",/);

  // Copy as test fixture: the RP library, given only the fixture, refuses the tampered one as the RP did and
  // verifies the honest one.
  // What the button puts on the clipboard (extension pages cannot be granted clipboard-read).
  await panel.evaluate(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    navigator.clipboard.writeText = async (t: string) => void w.__copied.push(t);
  });
  const fixtureOf = async (row: string) => {
    await panel.click(row);
    await panel.getByLabel('Copy as test fixture').click();
    await panel.getByLabel('Copy as test fixture').filter({ hasText: 'Copied' }).waitFor();
    return JSON.parse(await panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.pop()!)) as {
      verify: string;
      response: never;
      expectedChallenge: string;
      expectedOrigin: string;
      expectedRPID: string;
      requireUserVerification: boolean;
    };
  };
  const bad = await fixtureOf('.list-body .row:has(.tampered)');
  assert.equal(bad.verify, 'verifyRegistrationResponse');
  await assert.rejects(verifyRegistrationResponse(bad), /present/i);
  const good = await fixtureOf('.list-body .row:has(.kind:text-is("create")):not(:has(.tampered))');
  assert.equal((await verifyRegistrationResponse(good)).verified, true);
  await panel.close();
});

test('every sign-in answers with signature-bitflip until set back: each is refused and marked', async () => {
  await pick('get:signature-bitflip', true);
  const before = (await ceremonies(2)).length;
  const a = await login('tess');
  const b = await login('tess');
  assert.deepEqual([accepted(a), accepted(b)], [false, false]);
  assert.equal(await pickedNow(), 'get:signature-bitflip', 'still picked');
  await pick('');
  const honest = await login('tess');
  assert.ok(accepted(honest), JSON.stringify(honest));
  const log = (await ceremonies(before + 3)).slice(before);
  assert.deepEqual(
    log.map((r) => r.tampering?.id ?? null),
    ['signature-bitflip', 'signature-bitflip', null],
  );
  assert.deepEqual(
    log[0]!.tampering!.changes.map((c) => c.field),
    ['signature'],
  );
});

test('a page cannot mark its own records as tampered, nor pick a tampering that is not in the catalogue', async () => {
  await site.evaluate(() =>
    window.postMessage(
      {
        channel: '__webauthn_devtools__',
        type: 'log/ceremony',
        record: {
          id: 'forged-1',
          kind: 'get',
          mode: 'mock',
          status: 'ok',
          url: location.href,
          topLevel: true,
          startTime: 1,
          endTime: 2,
          tampering: { id: 'up-clear', changes: [] },
        },
      },
      '*',
    ),
  );
  let forged: CeremonyRecord | undefined;
  for (let i = 0; i < 60 && !forged; i++) {
    await site.waitForTimeout(50);
    forged = (await browser.readLog(site)).find((r) => r.id.endsWith('forged-1'));
  }
  assert.ok(forged, 'the forged record is in the log (with the real origin)');
  assert.equal(forged.tampering, undefined);
  // The popup's own channel (extension pages only) refuses an id the catalogue does not have.
  const p = await browser.context.newPage();
  await p.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const refused = (await p.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const port = chrome.runtime.connect({ name: 'webauthn-devtools-mock' });
        port.onMessage.addListener((m: { type?: string }) => {
          if (m?.type === 'rpc/answer') resolve(m);
        });
        port.postMessage({
          type: 'rpc/request',
          id: 'x1',
          body: { type: 'settings/update', patch: { tampering: { id: 'nope', ceremony: 'get', every: true } } },
        });
      }),
  )) as { ok: boolean; error?: { message?: string } };
  await p.close();
  assert.equal(refused.ok, false);
  assert.match(String(refused.error?.message), /No tampering "nope"/);
  assert.equal(await pickedNow(), '');
});

test('the verdict says so when the RP accepts what it must refuse (crossOrigin true at registration)', async () => {
  await pick('create:cross-origin-true');
  const outcome = await register('vera');
  assert.ok(accepted(outcome), 'the test RP (its library) does not refuse it: the RP must');
  let record: CeremonyRecord | undefined;
  for (let i = 0; i < 60 && !record?.tampering?.verdict; i++) {
    await site.waitForTimeout(50);
    record = (await browser.readLog(site)).find((r) => r.tampering?.id === 'cross-origin-true');
  }
  assert.deepEqual(record?.tampering?.verdict, {
    accepted: true,
    status: 200,
    method: 'POST',
    url: `${rp.url}/register/verify`,
  });
});
