// Real bytes from Chromium's own virtual authenticator (CDP WebAuthn domain), with dist/chrome loaded:
// the extension's service worker starts, and registrations and assertions made by the browser decode
// field by field, verify, and are accepted by @simplewebauthn/server as an independent oracle.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeLog } from '../../src/webauthn/decodeCeremony.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../src/webauthn/json.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'chrome');
let server: Server, origin: string, context: BrowserContext, page: Page, profile: string;

before(async () => {
  server = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>rp</title><p>rp');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), 'wa-va-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    args: [
      '--headless=new',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await context.newPage();
  await page.goto(`${origin}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the extension service worker starts', async () => {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  assert.match(worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\/background\.js$/);
});

const CHALLENGE_1 = 'cmVnaXN0cmF0aW9uLWNoYWxsZW5nZS0xMjM0NTY3OA';
const CHALLENGE_2 = 'YXV0aGVudGljYXRpb24tY2hhbGxlbmdlLTEyMzQ1Njc4';

test('virtual authenticator registration and assertion decode field by field and verify', async () => {
  const creation = {
    rp: { id: 'localhost', name: 'Local RP' },
    user: { id: 'dXNlci0xMjM', name: 'alice', displayName: 'Alice' },
    challenge: CHALLENGE_1,
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    attestation: 'none',
    extensions: { credProps: true },
  };
  const registration = (await page.evaluate(async (o) => {
    const cred = (await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(o as never),
    })) as PublicKeyCredential;
    return cred.toJSON();
  }, creation)) as RegistrationResponseJSON;
  const request = {
    challenge: CHALLENGE_2,
    rpId: 'localhost',
    allowCredentials: [{ type: 'public-key', id: registration.id }],
    userVerification: 'required',
  };
  const authentication = (await page.evaluate(async (o) => {
    const cred = (await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(o as never),
    })) as PublicKeyCredential;
    return cred.toJSON();
  }, request)) as AuthenticationResponseJSON;

  const where = {
    origin,
    url: `${origin}/`,
    crossOrigin: false,
    topLevel: true,
    mode: 'native' as const,
    status: 'ok' as const,
  };
  const records: CeremonyRecord[] = [
    { ...where, id: '1', kind: 'create', startTime: 1, endTime: 2, options: creation, response: registration },
    { ...where, id: '2', kind: 'get', startTime: 3, endTime: 4, options: request, response: authentication },
  ];
  const [create, get] = await decodeLog(records);
  assert.ok(create && get);
  assert.deepEqual(create.decodeErrors, []);
  assert.deepEqual(
    create.checks.filter((c) => c.status === 'fail'),
    [],
  );
  assert.deepEqual(
    get.checks.filter((c) => c.status === 'fail'),
    [],
  );
  assert.ok(create.authenticatorData?.ok);
  const ad = create.authenticatorData.value;
  assert.equal(ad.rpIdHashMatches, true);
  const set = Object.fromEntries(ad.flags.map((f) => [f.name, f.set]));
  assert.deepEqual({ UP: set.UP, UV: set.UV, AT: set.AT, ED: set.ED }, { UP: true, UV: true, AT: true, ED: false });
  assert.equal(ad.attestedCredentialData?.credentialId.base64url, registration.id);
  assert.equal(ad.attestedCredentialData?.publicKey.algName, 'ES256');
  assert.equal(ad.attestedCredentialData?.publicKey.crv, 'P-256');
  assert.equal(create.attestation?.ok && create.attestation.value.fmt, 'none');
  assert.ok(create.clientData?.ok);
  assert.equal(create.clientData.value.value.origin, origin);
  assert.deepEqual(create.responseExtras?.clientExtensionResults, { credProps: { rk: true } });
  assert.ok(get.assertion?.ok);
  assert.equal(get.assertion.value.verified, true, get.assertion.value.detail);
  assert.equal(get.assertion.value.userHandle?.base64url, 'dXNlci0xMjM');

  const reg = await verifyRegistrationResponse({
    response: registration as never,
    expectedChallenge: CHALLENGE_1,
    expectedOrigin: origin,
    expectedRPID: 'localhost',
    requireUserVerification: true,
  });
  assert.ok(reg.verified && reg.registrationInfo);
  const auth = await verifyAuthenticationResponse({
    response: authentication as never,
    expectedChallenge: CHALLENGE_2,
    expectedOrigin: origin,
    expectedRPID: 'localhost',
    requireUserVerification: true,
    credential: {
      id: reg.registrationInfo.credential.id,
      publicKey: reg.registrationInfo.credential.publicKey,
      counter: reg.registrationInfo.credential.counter,
    },
  });
  assert.ok(auth.verified);
  assert.equal(auth.authenticationInfo.newCounter, get.assertion.value.signCount);
});
