// The three signals in Chromium, the mock beside Chromium's own virtual authenticator in the same browser: the
// same page makes three credentials (two of one user, one of another), renames the first user, signals the
// other's credential unknown, lists one of the first user's as the only one accepted, and sends three bad
// signals. Outcomes, errors, the names stored and which credentials still sign in are compared, and the
// automation events checked. The one difference is by design (the provider behaviour): the mock
// hides a credential signalAllAcceptedCredentials leaves out, and a later list brings it back; Chromium's
// virtual authenticator deletes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { addVirtualAuthenticator, popupSettled } from '../helpers/chromium.js';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';

let chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>, rp: RpServer, page: Page, ctl: Controller;
before(async () => {
  rp = await startRpServer();
  chromium = await launchChromiumWithExtension();
  ctl = await attach(chromium.context);
  page = await chromium.context.newPage();
  await page.goto(`${rp.url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
});
after(async () => {
  await chromium?.close();
  await rp?.close();
});

/** The page's steps; every outcome by name, and which credentials still sign in. */
async function signalSteps([rpId]: readonly [string]) {
  const b64 = (b: ArrayBuffer | Uint8Array) =>
    btoa(String.fromCharCode(...new Uint8Array(b instanceof Uint8Array ? b : new Uint8Array(b))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const bytes = (id: string) => Uint8Array.from(atob(id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const u1 = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(8)));
  const u2 = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(8)));
  // B is not discoverable: a second discoverable credential of one user replaces the first (CTAP2 §6.1.2).
  const make = async (user: Uint8Array<ArrayBuffer>, name: string, residentKey: ResidentKeyRequirement = 'required') =>
    (
      (await navigator.credentials.create({
        publicKey: {
          rp: { id: rpId, name: 'Signals' },
          user: { id: user, name, displayName: name },
          challenge: new Uint8Array(32),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey, userVerification: 'discouraged' },
        },
      })) as PublicKeyCredential
    ).id;
  const A = await make(u1, 'a'),
    B = await make(u1, 'b', 'discouraged'),
    C = await make(u2, 'c');
  const usable = async (id: string) => {
    try {
      await navigator.credentials.get({
        publicKey: {
          challenge: new Uint8Array(32),
          rpId,
          allowCredentials: [{ type: 'public-key', id: bytes(id) }],
          userVerification: 'discouraged',
        },
      });
      return 'signs in';
    } catch (e) {
      return (e as Error).name;
    }
  };
  const PKC = PublicKeyCredential as unknown as Record<string, (a: unknown) => Promise<unknown>>;
  const signal = async (name: string, arg: unknown) => {
    try {
      const r = await PKC[name]!(arg);
      return r === undefined ? 'undefined' : `resolved ${JSON.stringify(r)}`;
    } catch (e) {
      return (e as Error).name;
    }
  };
  const outcomes = {
    rename: await signal('signalCurrentUserDetails', { rpId, userId: b64(u1), name: 'renamed', displayName: 'Re' }),
    unknown: await signal('signalUnknownCredential', { rpId, credentialId: C }),
    allAccepted: await signal('signalAllAcceptedCredentials', {
      rpId,
      userId: b64(u1),
      allAcceptedCredentialIds: [A],
    }),
    otherSite: await signal('signalUnknownCredential', { rpId: 'example.com', credentialId: A }),
    notBase64url: await signal('signalUnknownCredential', { rpId, credentialId: '*not*base64url*' }),
    missingMember: await signal('signalAllAcceptedCredentials', { rpId, userId: b64(u1) }),
  };
  const after = { A: await usable(A), B: await usable(B), C: await usable(C) };
  return { ids: { A, B, C }, u1: b64(u1), outcomes, after };
}

test("signals: the mock applies them as Chromium's virtual authenticator does, and sends the automation events", async () => {
  await page.bringToFront();
  // Chromium's own, the mock off.
  const va = await addVirtualAuthenticator(chromium.context, page, { hasUserVerification: false });
  const chromiumRun = await page.evaluate(signalSteps, ['localhost'] as const);
  const { credentials: vaCredentials } = (await va.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: va.authenticatorId,
  })) as { credentials: Array<{ credentialId: string; userName?: string; userDisplayName?: string }> };
  // CDP spells ids in base64 with padding.
  const vaIds = vaCredentials.map((c) => Buffer.from(c.credentialId, 'base64').toString('base64url'));
  await va.remove();

  // The mock, driven as a test suite drives it.
  const id = await ctl.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'internal', hasResidentKey: true });
  const events: string[] = [];
  const offs = (['credentialDeleted', 'credentialUpdated'] as const).map((n) => ctl.on(n, () => events.push(n)));
  const mockRun = await page.evaluate(signalSteps, ['localhost'] as const);
  for (let i = 0; i < 40 && events.length < 4; i++) {
    await ctl.flushEvents();
    await page.waitForTimeout(50);
  }
  const mockCredentials = await ctl.getCredentials(id);

  assert.deepEqual(mockRun.outcomes, chromiumRun.outcomes);
  assert.deepEqual(chromiumRun.outcomes, {
    rename: 'undefined',
    unknown: 'undefined',
    allAccepted: 'undefined',
    otherSite: 'SecurityError',
    notBase64url: 'TypeError',
    missingMember: 'TypeError',
  });
  assert.deepEqual(mockRun.after, chromiumRun.after);
  assert.deepEqual(chromiumRun.after, { A: 'signs in', B: 'NotAllowedError', C: 'NotAllowedError' });
  assert.equal(vaCredentials[vaIds.indexOf(chromiumRun.ids.A)]?.userName, 'renamed');
  assert.equal(mockCredentials.find((c) => c.credentialId === mockRun.ids.A)?.userName, 'renamed');
  // Chromium deletes B; the mock hides it, and keeps it for a later list. The events: C deleted, A and B
  // renamed, B hidden.
  assert.deepEqual(vaIds, [chromiumRun.ids.A], "Chromium's virtual authenticator keeps A alone");
  assert.deepEqual(events.sort(), ['credentialDeleted', 'credentialUpdated', 'credentialUpdated', 'credentialUpdated']);
  assert.deepEqual(
    mockCredentials.map((c) => c.credentialId).sort(),
    [mockRun.ids.A, mockRun.ids.B].sort(),
    'C deleted, B hidden',
  );

  // Listed again, B signs in again.
  const back = await page.evaluate(
    async ([u1, ids]) => {
      const PKC = PublicKeyCredential as unknown as Record<string, (a: unknown) => Promise<unknown>>;
      await PKC.signalAllAcceptedCredentials!({
        rpId: 'localhost',
        userId: u1,
        allAcceptedCredentialIds: [ids.A, ids.B],
      });
      const id = Uint8Array.from(atob(ids.B.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      try {
        await navigator.credentials.get({
          publicKey: {
            challenge: new Uint8Array(32),
            rpId: 'localhost',
            allowCredentials: [{ type: 'public-key', id }],
          },
        });
        return 'signs in';
      } catch (e) {
        return (e as Error).name;
      }
    },
    [mockRun.u1, mockRun.ids] as const,
  );
  assert.equal(back, 'signs in');
  for (const off of offs) off();
  await ctl.removeVirtualAuthenticator(id);
});

test('signals with the popup: an unknown credential hidden (a setting), shown again by the user; the panel lists what changed', async () => {
  const extensionId = new URL(chromium.context.serviceWorkers()[0]!.url()).host;
  const popup = await chromium.context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.getByLabel('Answer WebAuthn calls on every site').setChecked(true);
  await popup.getByLabel('Unknown credential signal').selectOption('hide');
  await popupSettled(popup);
  await page.bringToFront();
  await page.reload();
  await page.evaluate('globalThis.__name = (f) => f');
  const signIn = () =>
    page.evaluate(async (id: string) => {
      const raw = Uint8Array.from(atob(id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      try {
        await navigator.credentials.get({
          publicKey: {
            challenge: new Uint8Array(32),
            rpId: 'localhost',
            allowCredentials: [{ type: 'public-key', id: raw }],
          },
        });
        return 'signs in';
      } catch (e) {
        return (e as Error).name;
      }
    }, id);
  const id = await page.evaluate(async () => {
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'Popup signals' },
        user: { id: new Uint8Array([9, 9]), name: 'hidden-user', displayName: 'Hidden' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    })) as PublicKeyCredential;
    return c.id;
  });
  const before = await signIn();
  await page.evaluate(
    (credentialId: string) =>
      (PublicKeyCredential as unknown as { signalUnknownCredential(o: object): Promise<void> }).signalUnknownCredential(
        {
          rpId: 'localhost',
          credentialId,
        },
      ),
    id,
  );
  const hidden = await signIn();
  await popup.bringToFront();
  await popup.reload();
  await popup.getByText('hidden by the RP').waitFor();
  await popup.getByLabel('Show credential of hidden-user for localhost again').click();
  await popup.getByText('hidden by the RP').waitFor({ state: 'detached' });
  await page.bringToFront();
  const shown = await signIn();
  assert.deepEqual([before, hidden, shown], ['signs in', 'NotAllowedError', 'signs in']);

  const tabId = await popup.evaluate(
    async (url: string) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!,
    page.url(),
  );
  const panel = await chromium.context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/devtools/panel.html?tab=${tabId}`);
  const row = panel.locator('.list-body .row:has(.kind:text-is("signalUnknownCredential"))').last();
  await row.dispatchEvent('mousedown');
  const changed = panel.locator('.detail [data-section="staticCall"] tr[data-field="mock changed"]');
  assert.match((await changed.textContent()) ?? '', /hidden from sign-in: hidden-user/);
  await popup.getByLabel('Unknown credential signal').selectOption('delete');
  await popup.getByLabel('Answer WebAuthn calls on every site').setChecked(false);
  await Promise.all([panel.close(), popup.close()]);
});
