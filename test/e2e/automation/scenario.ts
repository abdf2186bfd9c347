// The automation scenario every set-up runs (Playwright + Chromium, Puppeteer + Chromium, Puppeteer +
// Firefox over BiDi): the eight steps in order, through the public package entry
// (webauthn-devtools/automation, the built JavaScript), against a page on the test RP.
import assert from 'node:assert/strict';
import { createPublicKey, verify, webcrypto } from 'node:crypto';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import type { AutomationEventName, Controller, CredentialEvent } from 'webauthn-devtools/automation';
import { after, before, test } from 'node:test';
import { attach as attachController } from 'webauthn-devtools/automation';
import { LINK_EVENT } from '../../helpers/mockSide.js';
import { CAPABILITY_CASES, capabilityProbeInPage } from './capabilityCases.js';
import { startRpServer, type RpServer } from '../../server/rpServer.js';

/** The page: Playwright's or Puppeteer's, both take evaluate(fn, arg). */
export interface ScenarioPage {
  evaluate(fn: never, arg: never): Promise<unknown>;
}
const run = <R, A>(page: ScenarioPage, fn: (arg: A) => R, arg: A): Promise<Awaited<R>> =>
  page.evaluate(fn as never, arg as never) as Promise<Awaited<R>>;

export interface ScenarioSetup {
  controller: Controller;
  page: ScenarioPage;
  origin: string;
  /** Chromium answers WebAuthn only for the focused tab. */
  bringToFront(): Promise<void>;
}

const b64 = (b: Uint8Array | ArrayBuffer) =>
  Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('base64url');
const random = (n: number) => b64(webcrypto.getRandomValues(new Uint8Array(n)));

interface PageCredential {
  ok: boolean;
  error?: string;
  json?: { id: string; response: Record<string, string | null | string[]> };
}

/** create() or get() in the page from JSON options; the credential as JSON, or the error's name. */
function ceremony(page: ScenarioPage, kind: 'create' | 'get', options: object): Promise<PageCredential> {
  return run(
    page,
    async ([k, o]: [string, object]) => {
      try {
        const c = (await (k === 'create'
          ? navigator.credentials.create({
              publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(o as PublicKeyCredentialCreationOptionsJSON),
            })
          : navigator.credentials.get({
              publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(o as PublicKeyCredentialRequestOptionsJSON),
            }))) as PublicKeyCredential;
        return { ok: true, json: c.toJSON() };
      } catch (e) {
        return { ok: false, error: (e as Error).name };
      }
    },
    [kind, options] as [string, object],
  ) as Promise<PageCredential>;
}

const authData = (c: PageCredential) => Buffer.from(c.json!.response.authenticatorData as string, 'base64url');
const flags = (c: PageCredential) => authData(c)[32]!;
const signCount = (c: PageCredential) => authData(c).readUInt32BE(33);
const UV = 0x04,
  BE = 0x08,
  BS = 0x10;

export async function runAutomationScenario(s: ScenarioSetup): Promise<void> {
  const { controller: ctl, page } = s;
  const events: Record<string, CredentialEvent[]> = {
    credentialAdded: [],
    credentialAsserted: [],
    credentialDeleted: [],
    credentialUpdated: [],
  };
  const offs = Object.keys(events).map((n) => ctl.on(n as AutomationEventName, (e) => events[n]!.push(e)));
  const rpId = new URL(s.origin).hostname;
  const get = (extra: object = {}) => ceremony(page, 'get', { challenge: random(32), rpId, ...extra });
  await s.bringToFront();

  // 1. An authenticator; the page registers; getCredentials shows it; @simplewebauthn/server verifies it.
  const id = await ctl.addVirtualAuthenticator({
    protocol: 'ctap2',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
  });
  const userId = random(16);
  const challenge = random(32);
  const reg = await ceremony(page, 'create', {
    rp: { id: rpId, name: 'Automation RP' },
    user: { id: userId, name: 'ada', displayName: 'Ada' },
    challenge,
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  assert.ok(reg.ok, JSON.stringify(reg));
  const [made, ...others] = await ctl.getCredentials(id);
  assert.equal(others.length, 0);
  assert.deepEqual(
    [made!.credentialId, made!.rpId, made!.userHandle, made!.signCount, made!.isResidentCredential],
    [reg.json!.id, rpId, userId, 0, true],
  );
  const verified = await verifyRegistrationResponse({
    response: reg.json as never,
    expectedChallenge: challenge,
    expectedOrigin: s.origin,
    expectedRPID: rpId,
    requireUserVerification: true,
  });
  assert.ok(verified.verified);

  // 2. A key the test made: the page signs in with it, and the signature verifies with the test's public key.
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const credentialId = random(32);
  await ctl.addCredential(id, {
    credentialId,
    isResidentCredential: false,
    rpId,
    privateKey: b64(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    signCount: 7,
  });
  const allow = { allowCredentials: [{ type: 'public-key', id: credentialId }] };
  const own = await get(allow);
  assert.ok(own.ok, JSON.stringify(own));
  assert.equal(own.json!.id, credentialId);
  assert.equal(signCount(own), 8);
  const clientData = Buffer.from(own.json!.response.clientDataJSON as string, 'base64url');
  const signed = Buffer.concat([authData(own), Buffer.from(await webcrypto.subtle.digest('SHA-256', clientData))]);
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  assert.ok(
    verify(
      'sha256',
      signed,
      createPublicKey({ key: spki, format: 'der', type: 'spki' }),
      Buffer.from(own.json!.response.signature as string, 'base64url'),
    ),
    "the assertion verifies with the test's own public key",
  );

  // 3. The user fails verification: required fails, preferred succeeds without UV.
  await ctl.setUserVerified(id, false);
  assert.deepEqual(await get({ ...allow, userVerification: 'required', timeout: 2000 }), {
    ok: false,
    error: 'NotAllowedError',
  });
  const preferred = await get({ ...allow, userVerification: 'preferred' });
  assert.ok(preferred.ok, JSON.stringify(preferred));
  assert.equal(flags(preferred) & UV, 0);
  await ctl.setUserVerified(id, true);

  // 4. BE, BS and a sign count set from the test show in the next assertion.
  await ctl.setCredentialProperties(id, credentialId, { backupEligibility: true, backupState: true, signCount: 100 });
  const backedUp = await get(allow);
  assert.ok(backedUp.ok, JSON.stringify(backedUp));
  assert.equal(flags(backedUp) & (BE | BS), BE | BS);
  assert.equal(signCount(backedUp), 101);

  // 5. A removed credential is gone for the page.
  await ctl.removeCredential(id, credentialId);
  assert.deepEqual(await get({ ...allow, timeout: 2000 }), { ok: false, error: 'NotAllowedError' });

  // 6. Each event once per change.
  await ctl.flushEvents();
  assert.deepEqual(
    Object.fromEntries(Object.entries(events).map(([k, v]) => [k, v.map((e) => e.credential.credentialId)])),
    {
      credentialAdded: [reg.json!.id, credentialId],
      credentialAsserted: [credentialId, credentialId, credentialId],
      credentialDeleted: [credentialId],
      credentialUpdated: [credentialId],
    },
  );
  assert.ok(events.credentialAdded!.every((e) => e.authenticatorId === id));

  // 7. Two more, one without resident keys first: each ceremony goes to the first that can take it.
  await ctl.removeVirtualAuthenticator(id);
  const plain = await ctl.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb' });
  const resident = await ctl.addVirtualAuthenticator({ protocol: 'ctap2_1', transport: 'nfc', hasResidentKey: true });
  const createWith = (residentKey: string, name: string) =>
    ceremony(page, 'create', {
      rp: { id: rpId, name: 'Automation RP' },
      user: { id: random(8), name, displayName: name },
      challenge: random(32),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey },
    });
  const discoverable = await createWith('required', 'rk');
  const serverSide = await createWith('discouraged', 'no-rk');
  assert.ok(discoverable.ok && serverSide.ok, JSON.stringify([discoverable, serverSide]));
  assert.deepEqual(
    (await ctl.getCredentials(resident)).map((c) => [c.credentialId, c.isResidentCredential]),
    [[discoverable.json!.id, true]],
  );
  assert.deepEqual(
    (await ctl.getCredentials(plain)).map((c) => [c.credentialId, c.isResidentCredential]),
    [[serverSide.json!.id, false]],
  );
  // A discoverable sign-in finds the resident one; wrong arguments name their field.
  const signIn = await get();
  assert.equal(signIn.json?.id, discoverable.json!.id, JSON.stringify(signIn));
  await assert.rejects(
    ctl.addVirtualAuthenticator({ protocol: 'ctap3', transport: 'usb' } as never),
    /options\.protocol/,
  );
  await assert.rejects(
    ctl.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb', colour: 'red' } as never),
    /options\.colour: is not a known field/,
  );
  await assert.rejects(ctl.setCredentialProperties(plain, 'nope', {}), /credentialId/);

  // 8. With the authenticators gone, the mock no longer answers: the browser's own call waits for a device.
  await ctl.removeVirtualAuthenticator(plain);
  await ctl.removeVirtualAuthenticator(resident);
  // The frame hears that the mock is off a moment later (the worker tells every frame); a call in between
  // would get the mock's refusal.
  await run(
    page,
    async (event: string) => {
      for (let i = 0; i < 100; i++) {
        let enabled: boolean | undefined;
        const listen = (e: Event) => (enabled = (e as CustomEvent<{ enabled(): boolean } | null>).detail?.enabled());
        addEventListener(event, listen);
        dispatchEvent(new CustomEvent(event));
        removeEventListener(event, listen);
        if (enabled !== true) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    LINK_EVENT,
  );
  const native = await run(
    page,
    async (r: string) => {
      try {
        await navigator.credentials.get({
          publicKey: { challenge: new Uint8Array(32), rpId: r },
          signal: AbortSignal.timeout(1500),
        });
        return 'answered';
      } catch (e) {
        return (e as Error).name;
      }
    },
    rpId,
  );
  // Without an authenticator the browser waits (TimeoutError here) or refuses at once (NotAllowedError in
  // Puppeteer's headless Chromium); the record says the browser answered, not the mock.
  assert.ok(['TimeoutError', 'NotAllowedError'].includes(native), native);
  let last: string[] = [];
  for (let i = 0; i < 50 && last[1] !== 'native'; i++) {
    const r = (await ctl.ceremonies(s.origin)).at(-1)!.record;
    last = [r.kind, r.mode];
    if (last[1] !== 'native') await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(last, ['get', 'native']);
  for (const off of offs) off();
}

/** A page cannot reach the control channel: no runtime API, and forged window messages add nothing. */
export async function assertPageCannotControl(s: ScenarioSetup): Promise<void> {
  const id = await s.controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb' });
  const before = await s.controller.getCredentials(id);
  const seen = await run(
    s.page,
    async () => {
      const answers: unknown[] = [];
      addEventListener('message', (e) => answers.push(e.data));
      for (const command of ['addVirtualAuthenticator', 'getCredentials', 'addCredential'])
        for (const type of ['rpc/request', 'automation/command'])
          postMessage(
            {
              channel: '__webauthn_devtools__',
              type,
              id: `forged-${command}`,
              body: { type: 'automation/command', command, args: [{ protocol: 'ctap2', transport: 'usb' }] },
              command,
              args: [],
            },
            '*',
          );
      await new Promise((r) => setTimeout(r, 500));
      return {
        runtime: typeof (globalThis as { chrome?: { runtime?: { connect?: unknown } } }).chrome?.runtime?.connect,
        answers: answers.filter((a) => (a as { type?: string })?.type === 'rpc/answer'),
      };
    },
    null,
  );
  assert.equal(seen.runtime, 'undefined');
  for (const a of seen.answers as Array<{ ok: boolean; value?: unknown }>)
    assert.equal(a.ok, false, `a forged command was answered: ${JSON.stringify(a)}`);
  assert.deepEqual(await s.controller.getCredentials(id), before);
  await s.controller.removeVirtualAuthenticator(id);
}

/** With a USB key and a platform authenticator attached, the RP's hints choose which one registers. */
async function assertHintsChoose(s: ScenarioSetup): Promise<void> {
  const ctl = s.controller;
  const key = await ctl.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb', hasResidentKey: true });
  const platform = await ctl.addVirtualAuthenticator({
    protocol: 'ctap2',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
  });
  await s.bringToFront();
  const create = async (hints: string[], name: string) =>
    (
      await ceremony(s.page, 'create', {
        rp: { id: new URL(s.origin).hostname, name: 'Hints' },
        user: { id: random(8), name, displayName: name },
        challenge: random(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        hints,
      })
    ).json?.id;
  const onPlatform = await create(['client-device'], 'hinted-platform');
  const onKey = await create(['security-key', 'client-device'], 'hinted-key');
  const held = async (id: string) => (await ctl.getCredentials(id)).map((c) => c.credentialId);
  assert.deepEqual([await held(platform), await held(key)], [[onPlatform], [onKey]]);
  await ctl.removeVirtualAuthenticator(key);
  await ctl.removeVirtualAuthenticator(platform);
}

/** Each capability case, with the mock as the case's virtual authenticator, gives the virtual authenticator's outcome. */
async function assertCapabilities(s: ScenarioSetup): Promise<void> {
  const outcomes: Record<string, unknown> = {};
  for (const c of CAPABILITY_CASES) {
    const id = await s.controller.addVirtualAuthenticator(c.authenticator);
    await s.bringToFront();
    outcomes[c.name] = await run(s.page, capabilityProbeInPage, c.probe);
    await s.controller.removeVirtualAuthenticator(id);
  }
  assert.deepEqual(outcomes, Object.fromEntries(CAPABILITY_CASES.map((c) => [c.name, c.expected])));
}

/** A browser for the scenario: what attach() takes, a page maker, and how to close it. */
export interface ScenarioBrowser {
  target: Parameters<typeof attachController>[0];
  newPage(): Promise<ScenarioPage & { goto(url: string): Promise<unknown>; bringToFront(): Promise<void> }>;
  close(): Promise<unknown>;
}

/**
 * The test file of one set-up: launches the browser once, attaches, opens the RP's page, runs the scenario
 * and the channel test, and closes all after. Returns the live set-up for the file's own extra tests.
 */
export function scenarioTests(label: string, launch: () => Promise<ScenarioBrowser>): () => ScenarioSetup {
  let rp: RpServer | undefined, browser: ScenarioBrowser | undefined, setup: ScenarioSetup | undefined;
  before(async () => {
    rp = await startRpServer();
    browser = await launch();
    const controller = await attachController(browser.target);
    const page = await browser.newPage();
    await page.goto(`${rp.url}/blank.html`);
    await page.evaluate('globalThis.__name = (f) => f' as never, undefined as never);
    setup = { controller, page, origin: rp.url, bringToFront: () => page.bringToFront() };
  });
  after(async () => {
    await setup?.controller.close();
    await browser?.close();
    await rp?.close();
  });
  test(`${label}: the eight automation steps`, () => runAutomationScenario(setup!));
  test(`${label}: a page can neither add nor read a credential through the control channel`, () =>
    assertPageCannotControl(setup!));
  test(`${label}: hints choose among several authenticators`, () => assertHintsChoose(setup!));
  test(`${label}: capabilities answer as Chromium's virtual authenticator does`, () => assertCapabilities(setup!));
  return () => setup!;
}
