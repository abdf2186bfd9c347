// The mock's user-facing side in real Chromium: a profile edited in the popup changes what the authenticator
// says (AAGUID, BE/BS, sign count); with presence set to "ask" a window asks the user (Allow, Cancel, closing it,
// the page aborting); several discoverable accounts get a chooser; a conditional get waits until the user picks
// an account in the popup.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from '../helpers/chromium.js';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';
import type { RpServer } from '../server/rpServer.js';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { decodeAuthenticatorData } from '../../src/webauthn/authenticatorData.js';
import { saveScreenshot } from '../helpers/screenshots.js';

let rp: RpServer, browser: ChromiumSession, page: Page;

const popupUrl = () => `chrome-extension://${browser.extensionId}/popup/popup.html`;
async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 460, height: 720 });
  await popup.goto(popupUrl());
  await popup.getByLabel('Active profile').waitFor();
  return popup;
}

/** Starts a ceremony in the page without waiting for it; the result lands in window.__outcome[key]. */
async function start(
  key: string,
  kind: 'create' | 'get',
  options: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await page.evaluate(
    ([k, kd, o, x]) => {
      const w = window as unknown as { __outcome: Record<string, unknown>; __abort: Record<string, AbortController> };
      w.__outcome ??= {};
      w.__abort ??= {};
      const ac = new AbortController();
      w.__abort[k as string] = ac;
      const publicKey =
        kd === 'create'
          ? PublicKeyCredential.parseCreationOptionsFromJSON(o as unknown as PublicKeyCredentialCreationOptionsJSON)
          : PublicKeyCredential.parseRequestOptionsFromJSON(o as unknown as PublicKeyCredentialRequestOptionsJSON);
      const call =
        kd === 'create'
          ? navigator.credentials.create({
              publicKey: publicKey as PublicKeyCredentialCreationOptions,
              signal: ac.signal,
              ...(x as object),
            })
          : navigator.credentials.get({
              publicKey: publicKey as PublicKeyCredentialRequestOptions,
              signal: ac.signal,
              ...(x as object),
            });
      w.__outcome[k as string] = 'pending';
      call.then(
        (c) => {
          w.__outcome[k as string] = { ok: true, json: (c as PublicKeyCredential).toJSON() };
        },
        (e: Error) => {
          w.__outcome[k as string] = { ok: false, name: e.name };
        },
      );
    },
    [key, kind, options, extra] as const,
  );
}
type Outcome = { ok: boolean; name?: string; json?: { response: Record<string, string | null> } };
const outcome = (key: string) =>
  page
    .waitForFunction(
      (k) => {
        const o = (window as unknown as { __outcome: Record<string, unknown> }).__outcome[k];
        return o !== 'pending' && o;
      },
      key,
      { timeout: 15000 },
    )
    .then((h) => h.jsonValue() as Promise<Outcome>);

const challenge = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
const createOptions = (name: string, residentKey = 'required') => ({
  rp: { id: 'localhost', name: 'RP' },
  user: { id: Buffer.from(`uid-${name}`).toString('base64url'), name, displayName: name.toUpperCase() },
  challenge: challenge(),
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  authenticatorSelection: { residentKey },
});
const getOptions = (extra: Record<string, unknown> = {}) => ({ challenge: challenge(), rpId: 'localhost', ...extra });
const promptWindow = () =>
  browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('popup.html?prompt='), timeout: 10000 });

/** Clicks a button of a prompt window, which closes itself once the answer is taken: a click whose page
 *  closes under it is the expected outcome, not a failure. */
async function answer(w: Page, name: string): Promise<void> {
  const button = w.getByRole('button', { name, exact: true });
  await button.first().waitFor();
  await button
    .first()
    .click({ noWaitAfter: true })
    .catch((e: Error) => {
      if (!w.isClosed() && !/closed/.test(e.message)) throw e;
    });
}

async function setPresence(mode: 'auto' | 'ask'): Promise<void> {
  const popup = await openPopup();
  await popup.getByLabel('User presence').selectOption(mode);
  await popup.waitForFunction(
    (m) => (document.querySelector('select[aria-label="User presence"]') as HTMLSelectElement).value === m,
    mode,
  );
  await popup.close();
}

let session: MockSession;
before(async () => {
  session = await startMockSession();
  ({ rp, browser, page } = session);
});
after(() => session?.close());

test('a profile saved from the popup editor sets the AAGUID, BE/BS flags and a fixed sign count', async () => {
  const popup = await openPopup();
  await popup.getByText(/^Edit profile/).click();
  await popup.getByLabel('Profile name').fill('Clone-test key');
  await popup.getByLabel('AAGUID').fill('0bb43545-fd2c-4185-87dd-feb0b2916ace');
  await popup.getByLabel('Backup eligible (BE)').check();
  await popup.getByLabel('Backed up (BS)').check();
  await popup.getByLabel('Sign count policy').selectOption('fixed');
  await popup.getByLabel('Fixed sign count').fill('42');
  await popup.getByLabel('Attestation statement').selectOption('packed-self');
  await saveScreenshot(popup, 'popup-profile-editor');
  await popup.getByLabel('Save as a new profile').click();
  await popup.waitForFunction(
    () =>
      (document.querySelector('select[aria-label="Active profile"]') as HTMLSelectElement).selectedOptions[0]
        ?.textContent === 'Clone-test key (copy)',
  );
  await popup.close();

  await start('edited', 'create', { ...createOptions('edited'), attestation: 'direct' });
  const reg = await outcome('edited');
  assert.ok(reg.ok, JSON.stringify(reg));
  const ao = decodeAttestationObject(Buffer.from(reg.json!.response.attestationObject!, 'base64url'));
  assert.ok(ao.ok);
  assert.equal(ao.value.fmt, 'packed');
  const ad = ao.value.authData;
  assert.ok(ad.ok);
  assert.equal(ad.value.attestedCredentialData?.aaguid, '0bb43545-fd2c-4185-87dd-feb0b2916ace');
  assert.deepEqual([ad.value.flags.BE, ad.value.flags.BS, ad.value.signCount], [true, true, 42]);

  await start(
    'edited-get',
    'get',
    getOptions({ allowCredentials: [{ type: 'public-key', id: (reg.json as unknown as { id: string }).id }] }),
  );
  const auth = await outcome('edited-get');
  const ad2 = decodeAuthenticatorData(Buffer.from(auth.json!.response.authenticatorData!, 'base64url'));
  assert.ok(ad2.ok);
  assert.equal(ad2.value.signCount, 42, 'the fixed policy repeats the value, as a cloned authenticator would');

  // Back to the preset for the other tests.
  const again = await openPopup();
  await again.getByLabel('Active profile').selectOption('security-key');
  await again.close();
});

test('presence "ask": Allow completes, Cancel and closing the window give NotAllowedError, an abort closes the window', async (t) => {
  t.after(() => setPresence('auto'));
  await setPresence('ask');
  let win = promptWindow();
  await start('allow', 'create', createOptions('alice'));
  let w = await win;
  await w.getByText('wants to create a passkey').waitFor();
  await w.setViewportSize({ width: 420, height: 260 });
  await saveScreenshot(w, 'mock-prompt-presence');
  assert.match((await w.textContent('main')) ?? '', /localhost/);
  await answer(w, 'Allow');
  assert.equal((await outcome('allow')).ok, true);

  win = promptWindow();
  await start('cancel', 'get', getOptions());
  w = await win;
  await answer(w, 'Cancel');
  assert.deepEqual(await outcome('cancel'), { ok: false, name: 'NotAllowedError' });

  win = promptWindow();
  await start('closed', 'get', getOptions());
  w = await win;
  await w.close();
  assert.deepEqual(await outcome('closed'), { ok: false, name: 'NotAllowedError' });

  win = promptWindow();
  await start('aborted', 'get', getOptions());
  w = await win;
  const closed = w.waitForEvent('close', { timeout: 10000 });
  await page.evaluate(() =>
    (window as unknown as { __abort: Record<string, AbortController> }).__abort.aborted!.abort(),
  );
  await closed;
  assert.deepEqual(await outcome('aborted'), { ok: false, name: 'AbortError' });
  await setPresence('auto');
});

test('two discoverable accounts: the chooser window lists both and the pick decides the userHandle', async (t) => {
  t.after(() => setPresence('auto'));
  await start('bob', 'create', createOptions('bob'));
  assert.equal((await outcome('bob')).ok, true);
  await setPresence('ask');
  const win = promptWindow();
  await start('choose', 'get', getOptions());
  const w = await win;
  await w.getByRole('button', { name: 'Use alice' }).waitFor();
  // "ask" also asks for presence after the choice: watch for that window before it can open.
  const presenceWindow = promptWindow();
  await answer(w, 'Use bob');
  const presence = await presenceWindow;
  await answer(presence, 'Allow');
  const o = await outcome('choose');
  assert.equal(o.json?.response.userHandle, Buffer.from('uid-bob').toString('base64url'));
  await setPresence('auto');
});

test('a conditional get stays pending until the user picks an account in the popup', async () => {
  assert.equal(await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable()), true);
  await start('conditional', 'get', getOptions(), { mediation: 'conditional' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(
    await page.evaluate(() => (window as unknown as { __outcome: Record<string, unknown> }).__outcome.conditional),
    'pending',
  );
  const popup = await openPopup();
  const waiting = popup.getByRole('region', { name: 'Waiting for you' });
  await waiting.waitFor();
  await saveScreenshot(popup, 'popup-conditional-waiting');
  await waiting.getByRole('button', { name: 'Use alice' }).click();
  const o = await outcome('conditional');
  assert.equal(o.json?.response.userHandle, Buffer.from('uid-alice').toString('base64url'));
  await popup.waitForFunction(() => !document.querySelector('section[aria-label="Waiting for you"]'));
  await popup.close();
});

test('prompt windows: one per tab at a time, none for a background tab, Cancel the default and Allow armed after 500 ms', async (t) => {
  t.after(() => setPresence('auto'));
  // Each prompt window logs its Allow button's states as they change, from its first paint.
  await browser.context.addInitScript(() => {
    if (!location.href.includes('popup.html?prompt=')) return;
    const log: Array<{ disabled: boolean; t: number }> = [];
    (window as unknown as { __allow: typeof log }).__allow = log;
    new MutationObserver(() => {
      const b = document.querySelector('button[aria-label="Allow"]') as HTMLButtonElement | null;
      if (b && log.at(-1)?.disabled !== b.disabled) log.push({ disabled: b.disabled, t: performance.now() });
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await setPresence('ask');
  await page.bringToFront();
  const prompts = () => browser.context.pages().filter((p) => p.url().includes('popup.html?prompt='));
  let win = promptWindow();
  await start('first', 'create', createOptions('queued-1', 'discouraged'));
  await start('second', 'create', createOptions('queued-2', 'discouraged'));
  const w = await win;
  await w.getByRole('button', { name: 'Allow', exact: true }).and(w.locator(':enabled')).waitFor();
  const seen = await w.evaluate(() => ({
    allow: (window as unknown as { __allow: Array<{ disabled: boolean; t: number }> }).__allow,
    focused: document.activeElement?.getAttribute('aria-label'),
    order: [...document.querySelectorAll('main button')].map((b) => b.getAttribute('aria-label')),
  }));
  assert.deepEqual([seen.focused, seen.order], ['Cancel', ['Cancel', 'Allow']]);
  assert.deepEqual(
    seen.allow.map((s) => s.disabled),
    [true, false],
  );
  const armedAfter = seen.allow[1]!.t - seen.allow[0]!.t;
  assert.ok(armedAfter >= 450, `Allow armed after ${armedAfter} ms`);
  assert.equal(prompts().length, 1, 'the second call waits for the first window');
  win = promptWindow();
  await answer(w, 'Allow');
  assert.equal((await outcome('first')).ok, true);
  const w2 = await win;
  await answer(w2, 'Cancel');
  assert.deepEqual(await outcome('second'), { ok: false, name: 'NotAllowedError' });

  // A tab in the background gets the error Chromium gives a document that is not focused, and no window.
  const front = await browser.context.newPage();
  await front.goto(`${rp.url}/blank.html?front`);
  await front.bringToFront();
  await start('background', 'create', createOptions('background', 'discouraged'));
  assert.deepEqual(await outcome('background'), { ok: false, name: 'NotAllowedError' });
  assert.equal(prompts().length, 0);
  await front.close();
  await page.bringToFront();
});
