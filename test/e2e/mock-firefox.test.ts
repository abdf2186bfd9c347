// The mock authenticator in Firefox ESR, which has no virtual authenticator of its own: turned on from
// the popup page, it signs up and signs in on the test RP, verified by @simplewebauthn/server; each algorithm,
// attestation kind, resident/non-resident and UV on/off is verified by @simplewebauthn/server and (ES256,
// RS256) fido2-lib; its page script comes and goes with the switch; the credentials survive a restart of the background and of Firefox itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefox, pasteIntoDecodeBox, type FirefoxSession } from '../helpers/firefox.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { verifyWithRpLibraries } from '../helpers/rpVerifiers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { LINK_EVENT, mockSideAnswersInPage } from '../helpers/mockSide.js';
import { ARGUMENT_CASES, runArgumentCasesInPage } from '../fixtures/argumentCases.js';
import { credentialShapesInPage } from '../fixtures/credentialShape.js';
import {
  crossOriginCreateInFrame,
  nestedUrl,
  nestedUrlWith,
  originCeremoniesInFrame,
} from '../fixtures/originCeremonies.js';

let ff: FirefoxSession, rp: RpServer, page: Page;
const profileDir = mkdtempSync(join(tmpdir(), 'wa-ff-mock-'));
const challenge = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

async function chooseProfile(id: string): Promise<void> {
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.waitForFunction(() => !!document.querySelector('select[aria-label="Active profile"]'), {
    polling: 100,
    timeout: 10000,
  });
  await popup.select('select[aria-label="Active profile"]', id);
  await popup.waitForFunction(
    (v) => (document.querySelector('select[aria-label="Active profile"]') as HTMLSelectElement).value === v,
    { polling: 100, timeout: 10000 },
    id,
  );
  await popup.close();
}

/** create() then get() in the page from WebAuthn JSON options; both results as JSON. */
function ceremonyPair(create: object, get: object) {
  return page.evaluate(
    async (c, g) => {
      const reg = (await navigator.credentials.create({
        publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(c as PublicKeyCredentialCreationOptionsJSON),
      })) as PublicKeyCredential;
      const gj = g as PublicKeyCredentialRequestOptionsJSON;
      const auth = (await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON({
          ...gj,
          allowCredentials: gj.allowCredentials ? [{ type: 'public-key', id: reg.id }] : undefined,
        }),
      })) as PublicKeyCredential;
      return { reg: reg.toJSON(), auth: auth.toJSON() };
    },
    create,
    get,
  );
}

async function verifiedPair(
  label: string,
  alg: number,
  attestation: string,
  residentKey: string,
  uv: string,
): Promise<string[]> {
  const regChallenge = challenge(),
    authChallenge = challenge();
  const out = await ceremonyPair(
    {
      rp: { id: 'localhost', name: 'RP' },
      user: { id: Buffer.from(label).toString('base64url').slice(0, 60), name: label, displayName: label },
      challenge: regChallenge,
      pubKeyCredParams: [{ type: 'public-key', alg }],
      attestation,
      authenticatorSelection: { residentKey, userVerification: uv },
    },
    {
      challenge: authChallenge,
      rpId: 'localhost',
      userVerification: uv,
      ...(residentKey === 'discouraged' ? { allowCredentials: [] } : {}),
    },
  );
  return verifyWithRpLibraries({
    reg: out.reg as never,
    auth: out.auth as never,
    regChallenge,
    authChallenge,
    origin: rp.url,
    rpId: 'localhost',
    alg,
    requireUV: uv === 'required',
  });
}
type Outcome = { ok: boolean; errorName?: string; verification?: { verified: boolean } };

before(async () => {
  rp = await startRpServer();
  ff = await launchFirefox({
    profileDir,
    // app.test is a secure context by Firefox's allow-list; other.test is plain http (secure-context test).
    prefs: { 'dom.securecontext.allowlist': 'app.test', 'network.dns.localDomains': 'app.test,other.test' },
  });
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.waitForFunction(() => !!document.querySelector('input[type=checkbox]'), { polling: 100, timeout: 10000 });
  await popup.evaluate(() => (document.querySelector('input[type=checkbox]') as HTMLInputElement).click());
  await popup.waitForFunction(() => (document.querySelector('input[type=checkbox]') as HTMLInputElement).checked, {
    polling: 100,
    timeout: 10000,
  });
  page = await ff.browser.newPage();
  await page.goto(`${rp.url}/`);
  await page.evaluate('globalThis.__name = (f) => f');
});
after(async () => {
  await ff?.close();
  await rp?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

test('sign-up and sign-in with the mock in Firefox, verified by the RP', async () => {
  const reg = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register(
      'firefox-user',
    ),
  )) as Outcome;
  assert.ok(reg.ok && reg.verification?.verified, JSON.stringify(reg));
  const auth = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('firefox-user'),
  )) as Outcome;
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
  const isPkc = await page.evaluate(async () => {
    const c = await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'localhost' } });
    return (
      c instanceof PublicKeyCredential && (c as PublicKeyCredential).response instanceof AuthenticatorAssertionResponse
    );
  });
  assert.equal(isPkc, true);
});

test("the Decode view in Firefox decodes the mock's registration and sign-in as the demo RP logged them", async () => {
  const logged = (path: string) => rp.requests.filter((r) => r.path === path).at(-1)!;
  const regAnswer = logged('/register/verify').answer as { verified: boolean; aaguid: string; credentialId: string };
  const regOptions = logged('/register/options').answer as { challenge: string };
  const loginOptions = logged('/login/options').answer as { challenge: string };
  const response = (path: string) => JSON.stringify((logged(path).body as { response: unknown }).response);
  assert.equal(regAnswer.verified, true);
  const panel = await ff.openExtensionPage('devtools/panel.html?recording');
  await panel.waitForSelector('[data-action="decode"]');
  await panel.click('[data-action="decode"]');
  const fill = (value: string) => pasteIntoDecodeBox(panel, value);
  const field = (section: string, name: string) =>
    panel.$eval(`.decode-view [data-section="${section}"] tr[data-field="${name}"] > td`, (e) => e.textContent ?? '');

  await fill(response('/register/verify'));
  await panel.waitForSelector('.decode-view .detail[data-decoded="true"]');
  assert.match(await field('authenticatorData', 'aaguid'), new RegExp(regAnswer.aaguid));
  assert.match(await field('clientData', 'challenge'), new RegExp(regOptions.challenge));
  assert.match(await field('clientData', 'type'), /webauthn\.create/);
  assert.match(await panel.$eval('.decode-view [data-section="attestation"]', (e) => e.textContent ?? ''), /none/);

  await fill(`${JSON.stringify(loginOptions)}\n${response('/login/verify')}`);
  await panel.waitForSelector('.decode-view .detail[data-decoded="true"] [data-section="options"]');
  assert.match(await field('clientData', 'challenge'), new RegExp(loginOptions.challenge));
  assert.match(await field('authenticatorData', 'rpIdHash'), /✓ SHA-256\("localhost"\)/);
  assert.equal((await panel.$$('.decode-view [data-section="clientData"] .check[data-status="fail"]')).length, 0);
  await panel.close();
});

test('an RP security test by hand in Firefox: the popup picks up-clear, the RP refuses it, the log marks it with the verdict', async () => {
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.waitForFunction(() => !!document.querySelector('select[aria-label="Tampering"]'), {
    polling: 100,
    timeout: 10000,
  });
  await popup.select('select[aria-label="Tampering"]', 'create:up-clear');
  await popup.waitForFunction(() => !!document.querySelector('.security-tests [role="status"]'), {
    polling: 100,
    timeout: 10000,
  });
  const tampered = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register('ff-tess'),
  )) as Outcome;
  assert.equal(tampered.ok && tampered.verification?.verified === true, false, 'the RP refused UP clear');
  const honest = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register('ff-tess'),
  )) as Outcome;
  assert.ok(honest.ok && honest.verification?.verified, JSON.stringify(honest));
  const url = page.url();
  let marked: CeremonyRecord[] = [];
  for (let i = 0; i < 60 && !marked[0]?.tampering?.verdict; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const log = (await popup.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      return new Promise<CeremonyRecord[]>((resolve) => {
        const port = chrome.runtime.connect({ name: 'webauthn-devtools-panel' });
        port.onMessage.addListener((m: { type: string; ceremonies?: CeremonyRecord[] }) => {
          if (m.type !== 'snapshot') return;
          port.disconnect();
          resolve(m.ceremonies ?? []);
        });
        port.postMessage({ type: 'subscribe', tabId: tab?.id });
      });
    }, url)) as CeremonyRecord[];
    marked = log.filter(
      (r) => r.kind === 'create' && (r.options as { user?: { name?: string } })?.user?.name === 'ff-tess',
    );
  }
  await popup.close();
  assert.deepEqual(
    marked.map((r) => r.tampering?.id ?? null),
    ['up-clear', null],
  );
  assert.deepEqual(marked[0]!.tampering!.changes, [{ field: 'authenticatorData.UP', before: true, after: false }]);
  assert.deepEqual(marked[0]!.tampering!.verdict, {
    accepted: false,
    status: 400,
    method: 'POST',
    url: `${rp.url}/register/verify`,
  });
});

test('the panel page for the tab shows the mock ceremonies decoded, the assertion verified', async () => {
  const ext = await ff.openExtensionPage('devtools/panel.html?recording');
  await ext.evaluate('globalThis.__name = (f) => f');
  const tabId = await ext.evaluate(
    async (url) => (await browser.tabs.query({})).find((t) => t.url === url)?.id,
    page.url(),
  );
  assert.equal(typeof tabId, 'number');
  await ext
    .evaluate((id) => {
      location.search = `?tab=${id}`;
    }, tabId!)
    .catch(() => undefined);
  await ext.waitForFunction(
    () => location.search.startsWith('?tab=') && document.querySelectorAll('.list-body .row').length >= 3,
    { polling: 200, timeout: 15000 },
  );
  const rows = await ext.$$eval('.list-body .row', (l) =>
    l.map((e) => ({
      id: (e as HTMLElement).dataset.id!,
      kind: e.querySelector('.kind')?.textContent,
      mode: e.querySelector('.mode')?.textContent,
    })),
  );
  const create = rows.find((r) => r.kind === 'create')!,
    get = rows.find((r) => r.kind === 'get')!;
  assert.deepEqual([create.mode, get.mode], ['mock', 'mock']);
  const open = async (id: string) => {
    await ext.$eval(`.list-body .row[data-id="${id}"]`, (e) =>
      e.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })),
    );
    await ext.waitForSelector(`.detail[data-detail="${id}"][data-decoded="true"]`);
  };
  await open(create.id);
  assert.match(
    await ext.$eval(
      '.detail [data-section="authenticatorData"] tr[data-field="aaguid"] > td',
      (e) => e.textContent ?? '',
    ),
    /cb69481e-8ff7-4039-93ec-0a2729a154a8/,
  );
  await open(get.id);
  assert.match(
    await ext.$eval(
      '.detail [data-section="assertion"] tr[data-field="verification"] > td',
      (e) => e.textContent ?? '',
    ),
    /signature verified with the key from the registration in this log/,
  );
  await ext.close();
});

for (const alg of [-7, -35, -36, -257, -37, -8]) {
  test(`algorithm ${alg} in Firefox: registration and assertion verified`, async () => {
    const libs = await verifiedPair(`ff-alg${alg}`, alg, 'direct', 'required', 'preferred');
    assert.ok(libs.includes('@simplewebauthn/server'));
    if (alg === -7 || alg === -257) assert.ok(libs.includes('fido2-lib'));
  });
}

test('attestation kind × resident key × user verification in Firefox, verified by both libraries', async () => {
  let n = 0;
  for (const profileId of ['security-key', 'platform']) {
    await chooseProfile(profileId);
    for (const attestation of ['direct', 'none']) {
      for (const residentKey of ['required', 'discouraged']) {
        for (const uv of ['required', 'discouraged']) {
          const label = `ff ${profileId} ${attestation} rk=${residentKey} uv=${uv}`;
          assert.deepEqual(
            await verifiedPair(label, -7, attestation, residentKey, uv),
            ['@simplewebauthn/server', 'fido2-lib'],
            label,
          );
          n++;
        }
      }
    }
  }
  assert.equal(n, 16);
  await chooseProfile('security-key');
});

/** Flips the popup's global switch to `on`; returns the scripts the extension has registered after. */
async function setMock(on: boolean): Promise<string[]> {
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.waitForFunction(() => !!document.querySelector('input[type=checkbox]'), { polling: 100, timeout: 10000 });
  await popup.evaluate((want) => {
    const box = document.querySelector('input[type=checkbox]') as HTMLInputElement;
    if (box.checked !== want) box.click();
  }, on);
  await popup.waitForFunction(
    (want) => (document.querySelector('input[type=checkbox]') as HTMLInputElement).checked === want,
    { polling: 100, timeout: 10000 },
    on,
  );
  // The box shows the click at once; the worker registers (or unregisters) the script when it has saved the
  // setting, a moment later: read the registration once it has had the time to follow.
  const registered = () =>
    popup.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((x) => x.id));
  let ids = await registered();
  for (let i = 0; i < 100 && ids.includes('mock-answers') !== on; i++) {
    await new Promise((r) => setTimeout(r, 100));
    ids = await registered();
  }
  await popup.close();
  return ids;
}

const mockSideAnswers = (p: Page) => p.evaluate(mockSideAnswersInPage, LINK_EVENT);

test("the mock's page script: off, pages run the hook alone; switched on, an open page is answered without a reload", async () => {
  assert.deepEqual(await setMock(false), []);
  const open = await ff.browser.newPage();
  await open.goto(`${rp.url}/blank.html`);
  assert.equal(await mockSideAnswers(open), false);
  assert.deepEqual(await setMock(true), ['mock-answers']);
  for (let i = 0; i < 50 && !(await mockSideAnswers(open)); i++) await new Promise((r) => setTimeout(r, 100));
  const id = await open.evaluate(async () => {
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'RP' },
        user: { id: new Uint8Array([1, 2, 3]), name: 'late', displayName: 'late' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    })) as PublicKeyCredential;
    return c.id;
  });
  assert.match(id, /^[A-Za-z0-9_-]{16,}$/, 'Firefox has no authenticator here: only the mock can have answered');
  await open.close();
});

test('capabilities in Firefox: isUVPAA and getClientCapabilities follow the mock profile, not the browser', async () => {
  const ask = () =>
    page.evaluate(async () => ({
      uvpaa: await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
      caps: await (
        PublicKeyCredential as unknown as { getClientCapabilities?(): Promise<Record<string, boolean>> }
      ).getClientCapabilities?.(),
    }));
  // A frame hears of a profile change a moment after the popup shows it: ask until the answer moves (5 s).
  const askUntil = async (uvpaa: boolean) => {
    let r = await ask();
    for (let i = 0; i < 50 && r.uvpaa !== uvpaa; i++) {
      await new Promise((res) => setTimeout(res, 100));
      r = await ask();
    }
    return r;
  };
  await chooseProfile('platform');
  const platform = await askUntil(true);
  await chooseProfile('security-key');
  const key = await askUntil(false);
  assert.deepEqual([platform.uvpaa, key.uvpaa], [true, false]);
  if (platform.caps) assert.equal(platform.caps.userVerifyingPlatformAuthenticator, true);
});

/** Where the mock in Firefox answers otherwise than Firefox's own checks: case → [Firefox, mock, why]. */
// Each is an authenticator's answer, not an argument check: Firefox has no authenticator here, so its calls
// that pass every check stay pending, where the mock's authenticator answers.
const FIREFOX_DIFFERENCES: Record<string, [string, string, string]> = {
  'create: excludeCredentials holds an existing credential': [
    'TimeoutError',
    'InvalidStateError',
    'the credential exists only in the mock',
  ],
  'create: only unsupported algorithms': [
    'TimeoutError',
    'NotAllowedError',
    'Firefox leaves unknown algorithms to the authenticator; the mock is that authenticator',
  ],
  'get: allowCredentials of unknown ids': [
    'TimeoutError',
    'NotAllowedError',
    'an authenticator that has none of the ids answers NotAllowedError',
  ],
};

test("argument checks in Firefox: the mock's outcomes beside Firefox's own", async () => {
  const existing = await page.evaluate(async () => {
    const c = (await navigator.credentials.create({
      publicKey: {
        rp: { id: 'localhost', name: 'RP' },
        user: { id: new Uint8Array([1, 2, 3]), name: 'args', displayName: 'Args' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required' },
      },
    })) as PublicKeyCredential;
    return c.id;
  });
  const mock = await page.evaluate(runArgumentCasesInPage, [ARGUMENT_CASES, existing] as const);
  await setMock(false);
  const reloaded = await ff.browser.newPage();
  await reloaded.goto(`${rp.url}/blank.html`);
  await reloaded.evaluate('globalThis.__name = (f) => f');
  // Firefox has no authenticator here: a call that passes its checks waits, and ends as "pending".
  const native = await reloaded.evaluate(runArgumentCasesInPage, [ARGUMENT_CASES, existing, 300] as const);
  await reloaded.close();
  await setMock(true);
  const passes = (o: string | undefined) => (o === 'ok' || o === 'TimeoutError' ? 'passes' : o);
  const differences = Object.fromEntries(
    ARGUMENT_CASES.filter((n) => passes(native[n]) !== passes(mock[n])).map((n) => [n, [native[n], mock[n]]]),
  );
  assert.ok(Object.values(native).filter((o) => o.startsWith('js:')).length >= 30, JSON.stringify(native));
  assert.deepEqual(
    differences,
    Object.fromEntries(Object.entries(FIREFOX_DIFFERENCES).map(([n, [firefox, ours]]) => [n, [firefox, ours]])),
  );
});

const login = () =>
  page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('firefox-user'),
  ) as Promise<Outcome>;

test('credentials survive a restart of the background (extension reload)', async () => {
  const popup = await ff.openExtensionPage('popup/popup.html');
  await popup.evaluate(() => {
    setTimeout(() => chrome.runtime.reload(), 0);
  });
  await new Promise((r) => setTimeout(r, 1500));
  page = await ff.browser.newPage();
  await page.goto(`${rp.url}/`);
  await page.evaluate('globalThis.__name = (f) => f');
  const auth = await login();
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
});

test('credentials survive a Firefox restart with the same profile', async () => {
  await ff.close();
  ff = await launchFirefox({
    profileDir,
    // app.test is a secure context by Firefox's allow-list; other.test is plain http (secure-context test).
    prefs: { 'dom.securecontext.allowlist': 'app.test', 'network.dns.localDomains': 'app.test,other.test' },
  });
  page = await ff.browser.newPage();
  await page.goto(`${rp.url}/`);
  await page.evaluate('globalThis.__name = (f) => f');
  const auth = await login();
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));
});

test("object shapes in Firefox: no own properties, and every prototype member answers for the mock's objects", async () => {
  const shapes = await page.evaluate(credentialShapesInPage);
  type Described = { own: string[]; chain: { interface: string; members: Record<string, Record<string, unknown>> }[] };
  for (const [ceremony, s] of Object.entries(shapes)) {
    for (const part of ['credential', 'response'] as const) {
      const d = (s as Record<string, Described>)[part]!;
      assert.deepEqual(d.own, [], `${ceremony} ${part}: own properties`);
      const members = d.chain.flatMap((p) => Object.entries(p.members).map(([k, m]) => [`${p.interface}.${k}`, m]));
      assert.ok(members.length >= (part === 'credential' ? 7 : 4), `${ceremony} ${part}: ${members.map(([k]) => k)}`);
      for (const [key, m] of members as [string, Record<string, unknown>][]) {
        if (m.kind === 'string' || m.kind === 'symbol') continue;
        assert.ok(!String(m.answer).startsWith('throws'), `${ceremony} ${key}: ${m.answer}`);
        assert.equal(m.native, true, `${ceremony} ${key} prints native code`);
        assert.equal(m.ownPrototype, false, `${ceremony} ${key} has no prototype property`);
      }
    }
    const keys = (s as { jsonKeys: string[] }).jsonKeys;
    assert.deepEqual(keys, [...keys].sort(), `${ceremony}: toJSON() keys in WebIDL dictionary order`);
  }
  const created = shapes.created as { credential: Described };
  assert.deepEqual(
    created.credential.chain.map((p) => p.interface),
    ['PublicKeyCredential', 'Credential'],
  );
});

/** A new tab on `origin` holding a discoverable credential for localhost, made in its top frame. */
async function tabWithCredential(origin: string): Promise<Page> {
  const tab = await ff.browser.newPage();
  await tab.goto(`${origin}/blank.html`);
  await tab.evaluate('globalThis.__name = (f) => f');
  assert.equal((await tab.evaluate(originCeremoniesInFrame, ['localhost', true] as const)).secure, true);
  return tab;
}

/** The innermost frame of a nestedUrl page, loaded and ready for evaluate(). */
async function innermostOf(tab: Page) {
  const find = () => tab.frames().find((f) => new URL(f.url()).searchParams.has('innermost'));
  let frame = find();
  for (let i = 0; i < 50 && !frame; i++) {
    await new Promise((r) => setTimeout(r, 100));
    frame = find();
  }
  assert.ok(frame, 'the innermost frame loaded');
  await frame.waitForFunction(() => document.readyState === 'complete', { polling: 100 });
  await frame.evaluate('globalThis.__name = (f) => f');
  return frame;
}

test("secure contexts in Firefox are the browser's decision: its allow-list and *.localhost are answered", async () => {
  const port = new URL(rp.url).port;
  const tab = await ff.browser.newPage();
  const at = async (origin: string, rpId: string) => {
    await tab.goto(`${origin}/blank.html`);
    await tab.evaluate('globalThis.__name = (f) => f');
    return tab.evaluate(originCeremoniesInFrame, [rpId, true] as const);
  };
  const flagged = await at(`http://app.test:${port}`, 'app.test');
  const localhostSubdomain = await at(`http://app.localhost:${port}`, 'app.localhost');
  const notSecure = await at(`http://other.test:${port}`, 'other.test');
  await tab.close();
  assert.deepEqual(flagged.get, {
    type: 'webauthn.get',
    origin: `http://app.test:${port}`,
    crossOrigin: false,
    topOrigin: undefined,
  });
  assert.equal(localhostSubdomain.create?.origin, `http://app.localhost:${port}`);
  assert.deepEqual(notSecure, { secure: false });
});

test('crossOrigin in Firefox: not same-origin with every ancestor, topOrigin the top frame', async () => {
  const { url: victim, crossOriginUrl: other } = rp;
  const tab = await tabWithCredential(victim);
  const inFrame = async (...origins: string[]) => {
    await tab.goto(nestedUrl(...origins));
    const frame = await innermostOf(tab);
    const r = await frame.evaluate(originCeremoniesInFrame, ['localhost', false] as const);
    return r.error ?? { origin: r.get?.origin, crossOrigin: r.get?.crossOrigin, topOrigin: r.get?.topOrigin };
  };
  const seen = {
    sameOrigin: await inFrame(victim, victim, victim),
    victimOtherVictim: await inFrame(victim, other, victim),
    otherInVictim: await inFrame(victim, victim, other),
  };
  await tab.close();
  assert.deepEqual(seen, {
    sameOrigin: { origin: victim, crossOrigin: false, topOrigin: undefined },
    victimOtherVictim: { origin: victim, crossOrigin: true, topOrigin: victim },
    otherInVictim: { origin: other, crossOrigin: true, topOrigin: victim },
  });
});

test('a cross-origin frame in Firefox needs the permissions policy (and, to create, a user activation)', async () => {
  const { url: top, crossOriginUrl: third } = rp;
  const tab = await tabWithCredential(top);
  const inThirdParty = async (delegate: boolean) => {
    await tab.goto(nestedUrlWith({ delegate, query: 'silent-create' }, top, third));
    // Read from the top frame: an evaluate in the frame itself would give it a user activation.
    const silent = await tab.waitForFunction(() => document.documentElement.dataset.childSilentCreate, {
      polling: 100,
    });
    const frame = await innermostOf(tab);
    const get = await frame.evaluate(originCeremoniesInFrame, ['localhost', false] as const);
    await frame.click('p');
    const clickedCreate = await frame.evaluate(crossOriginCreateInFrame, ['clicked'] as const);
    return { get: get.error ?? 'ok', silentCreate: await silent.jsonValue(), clickedCreate };
  };
  const seen = { delegated: await inThirdParty(true), notDelegated: await inThirdParty(false) };
  await tab.close();
  assert.deepEqual(seen, {
    delegated: { get: 'ok', silentCreate: 'NotAllowedError', clickedCreate: 'ok' },
    notDelegated: { get: 'NotAllowedError', silentCreate: 'NotAllowedError', clickedCreate: 'NotAllowedError' },
  });
});
