// The mock authenticator in real Chromium with no virtual authenticator: turned on from the popup, it
// answers registration and authentication that @simplewebauthn/server verifies, for each algorithm; the
// page gets objects that behave like the browser's; it refuses an RP ID the origin may not use; and its
// credentials survive a browser restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { launchChromium, type ChromiumSession } from '../helpers/chromium.js';
import { decodeLog } from '../../src/webauthn/decodeCeremony.js';
import { LINK_EVENT, mockSideAnswersInPage } from '../helpers/mockSide.js';
import { startMockSession, type MockSession } from '../helpers/mockSession.js';
import type { RpServer } from '../server/rpServer.js';

let rp: RpServer, browser: ChromiumSession, page: Page;
const profile = mkdtempSync(join(tmpdir(), 'wa-mock-'));
type Outcome = { ok: boolean; json?: unknown; errorName?: string; verification?: { verified: boolean } };

let session: MockSession;
before(async () => {
  session = await startMockSession({ userDataDir: profile });
  ({ rp, browser, page } = session);
});
after(async () => {
  // A restart test replaces the browser: close the one in use.
  session.browser = browser;
  await session?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('sign-up and sign-in through the demo RP, verified by @simplewebauthn/server, recorded as mock', async () => {
  const reg = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register('mallory'),
  )) as Outcome;
  assert.ok(reg.json, 'the demo client returns the credential JSON');
  assert.ok(reg.ok && reg.verification?.verified, JSON.stringify(reg));
  const auth = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('mallory'),
  )) as Outcome;
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  const log = await browser.readLog(page);
  const calls = log.filter((r) => r.kind === 'create' || r.kind === 'get');
  assert.ok(
    calls.length >= 2 && calls.every((r) => r.mode === 'mock' && r.status === 'ok'),
    JSON.stringify(calls.map((c) => [c.kind, c.mode, c.status])),
  );
  // The log holds the credential the page got, whole: the decoder finds the same id and a verified assertion.
  const [create, get] = [calls.find((r) => r.kind === 'create')!, calls.find((r) => r.kind === 'get')!];
  assert.equal(create.response?.id, (reg.json as { id: string }).id);
  const decoded = await decodeLog([create, get]);
  const assertion = decoded[1]?.assertion;
  assert.ok(assertion?.ok && assertion.value.verified === true, JSON.stringify(assertion));
});

test("the page gets objects that behave like the browser's own", async () => {
  const shape = await page.evaluate(async () => {
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'x' },
        user: { id: new Uint8Array([1, 2, 3]), name: 'shape', displayName: 'Shape' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        extensions: { credProps: true },
      },
    })) as PublicKeyCredential;
    const r = c.response as AuthenticatorAttestationResponse;
    return {
      pkc: c instanceof PublicKeyCredential,
      resp: r instanceof AuthenticatorAttestationResponse,
      rawId: c.rawId instanceof ArrayBuffer,
      sameRawId: c.rawId === c.rawId,
      idMatches:
        c.id ===
        btoa(String.fromCharCode(...new Uint8Array(c.rawId)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, ''),
      transports: Array.isArray(r.getTransports()),
      alg: r.getPublicKeyAlgorithm(),
      spki: r.getPublicKey() instanceof ArrayBuffer,
      authData: r.getAuthenticatorData() instanceof ArrayBuffer,
      ext: c.getClientExtensionResults(),
      json: JSON.parse(JSON.stringify(c)).response.attestationObject.length > 10,
      keys: Object.keys(c).length,
      type: c.type,
    };
  });
  assert.deepEqual(shape, {
    pkc: true,
    resp: true,
    rawId: true,
    sameRawId: true,
    idMatches: true,
    transports: true,
    alg: -7,
    spki: true,
    authData: true,
    ext: { credProps: { rk: shape.ext.credProps?.rk } },
    json: true,
    keys: 0,
    type: 'public-key',
  });
});

for (const alg of [-7, -35, -36, -257, -37, -8]) {
  test(`algorithm ${alg}: registration and assertion verified by @simplewebauthn/server`, async () => {
    const challenge = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const challenge2 = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const out = await page.evaluate(
      async ([a, c1, c2]) => {
        const create = PublicKeyCredential.parseCreationOptionsFromJSON({
          rp: { id: 'localhost', name: 'RP' },
          user: { id: 'dXNlcg', name: `alg${a}`, displayName: 'Alg' },
          challenge: c1 as string,
          pubKeyCredParams: [{ type: 'public-key', alg: a as number }],
          attestation: 'direct',
        });
        const reg = (await navigator.credentials.create({ publicKey: create })) as PublicKeyCredential;
        const get = PublicKeyCredential.parseRequestOptionsFromJSON({
          challenge: c2 as string,
          rpId: 'localhost',
          allowCredentials: [{ type: 'public-key', id: reg.id }],
        });
        const auth = (await navigator.credentials.get({ publicKey: get })) as PublicKeyCredential;
        return { reg: reg.toJSON(), auth: auth.toJSON() };
      },
      [alg, challenge, challenge2] as const,
    );
    const v = await verifyRegistrationResponse({
      response: out.reg as never,
      expectedChallenge: challenge,
      expectedOrigin: rp.url,
      expectedRPID: 'localhost',
      supportedAlgorithmIDs: [alg],
      requireUserVerification: false,
    });
    assert.ok(v.verified && v.registrationInfo);
    const a = await verifyAuthenticationResponse({
      response: out.auth as never,
      expectedChallenge: challenge2,
      expectedOrigin: rp.url,
      expectedRPID: 'localhost',
      requireUserVerification: false,
      credential: v.registrationInfo.credential,
    });
    assert.ok(a.verified);
  });
}

test('an RP ID the origin may not use gets SecurityError; the mock never signs for it', async () => {
  const name = await page.evaluate(() =>
    navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'example.com' } }).then(
      () => 'ok',
      (e: Error) => e.name,
    ),
  );
  assert.equal(name, 'SecurityError');
});

test("no credential, CA, key or mock setting is in storage.local (content scripts can read it); they are in the extension's IndexedDB", async () => {
  const ext = await session.browser.extensionPage();
  await ext.evaluate('globalThis.__name = (f) => f');
  const found = await ext.evaluate(async () => {
    const local = JSON.stringify(await chrome.storage.local.get(null));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('webauthn-devtools-mock');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve) => {
        const r = db.transaction(store).objectStore(store).count();
        r.onsuccess = () => resolve(r.result);
      });
    const out = {
      local,
      credentials: await count('credentials'),
      state: await count('state'),
      keys: await count('keys'),
    };
    db.close();
    return out;
  });
  for (const secret of [
    '"secret"',
    '"pkcs8"',
    'mock.credential:',
    'attestationCa',
    '"userHandle"',
    'mock.settings',
    '"profiles"',
  ])
    assert.ok(!found.local.includes(secret), `storage.local holds ${secret}`);
  assert.ok(found.credentials >= 1, JSON.stringify(found));
  assert.deepEqual([found.state, found.keys], [2, 1], 'the attestation CA and the settings; the wrapping key');
});

test('credentials survive a browser restart with the same profile', async () => {
  await browser.close();
  browser = await launchChromium({ userDataDir: profile });
  page = await browser.context.newPage();
  await page.goto(`${rp.url}/`);
  // A page that loads while the browser starts can miss the registered page script; the bridge has it
  // injected then. Until it is there, a call would go to the browser, which has no authenticator.
  for (let i = 0; i < 100 && !(await page.evaluate(mockSideAnswersInPage, LINK_EVENT)); i++)
    await page.waitForTimeout(50);
  const auth = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('mallory'),
  )) as Outcome;
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
});
