// The recorder in real Chromium: ceremonies through the hook against the virtual authenticator, verified
// by the test RP, recorded byte for byte; statics; same- and cross-origin frames; a hostile page; and a
// service-worker restart that loses nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../helpers/chromium.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

let rp: RpServer, browser: ChromiumSession, page: Page;
type Outcome = { ok: boolean; json?: unknown; errorName?: string; verification?: { verified: boolean } };

before(async () => {
  rp = await startRpServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(`${rp.url}/`);
  await addVirtualAuthenticator(browser.context, page);
});
after(async () => {
  await browser?.close();
  await rp?.close();
});

async function logUntil(p: Page, done: (log: CeremonyRecord[]) => boolean): Promise<CeremonyRecord[]> {
  for (let i = 0; i < 50; i++) {
    const log = await browser.readLog(p);
    if (done(log)) return log;
    await new Promise((r) => setTimeout(r, 100));
  }
  return browser.readLog(p);
}

test('registration and authentication: verified by the RP, recorded byte for byte', async () => {
  const reg = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { register(u: string): Promise<unknown> } }).webauthnTest.register('alice'),
  )) as Outcome;
  assert.ok(reg.ok && reg.verification?.verified, JSON.stringify(reg));
  const auth = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('alice'),
  )) as Outcome;
  assert.ok(auth.ok && auth.verification?.verified, JSON.stringify(auth));

  const log = await logUntil(
    page,
    (l) => l.filter((r) => (r.kind === 'create' || r.kind === 'get') && r.status === 'ok').length >= 2,
  );
  const create = log.find((r) => r.kind === 'create')!;
  const get = log.find((r) => r.kind === 'get')!;
  assert.deepEqual(create.response, reg.json);
  assert.deepEqual(get.response, auth.json);
  for (const r of [create, get]) {
    assert.equal(r.status, 'ok');
    assert.equal(r.mode, 'native');
    assert.equal(r.origin, rp.url);
    assert.equal(r.topLevel, true);
    assert.equal(r.crossOrigin, false);
    assert.equal(r.url, `${rp.url}/`);
    assert.match(r.caller ?? '', /\/client\.js:\d+:\d+$/);
    assert.ok(r.endTime! >= r.startTime && r.startTime > Date.now() - 600_000);
  }
  const options = create.options as {
    rp: { id: string };
    user: { name: string; id: string };
    challenge: string;
    pubKeyCredParams: unknown[];
  };
  assert.equal(options.rp.id, 'localhost');
  assert.equal(options.user.name, 'alice');
  assert.equal(options.user.id, Buffer.from('uid-alice').toString('base64url'));
  const clientData = JSON.parse(
    Buffer.from(
      (create.response as { response: { clientDataJSON: string } }).response.clientDataJSON,
      'base64url',
    ).toString(),
  ) as { challenge: string };
  assert.equal(clientData.challenge, options.challenge);
  // parseCreationOptionsFromJSON was recorded too, with its argument and result.
  assert.ok(log.some((r) => r.kind === 'parseCreationOptionsFromJSON' && r.status === 'ok'));
});

test('static calls are recorded with their results', async () => {
  const native = await page.evaluate(async () => [
    await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    await PublicKeyCredential.isConditionalMediationAvailable(),
  ]);
  const log = await logUntil(page, (l) =>
    l.some((r) => r.kind === 'isConditionalMediationAvailable' && r.status === 'ok'),
  );
  assert.equal(log.find((r) => r.kind === 'isUserVerifyingPlatformAuthenticatorAvailable')?.result, native[0]);
  assert.equal(log.find((r) => r.kind === 'isConditionalMediationAvailable')?.result, native[1]);
});

test('same-origin and cross-origin frames are recorded with their own origin', async () => {
  const host = await browser.context.newPage();
  await host.goto(`${rp.url}/frame-host.html`);
  await addVirtualAuthenticator(browser.context, host);
  const frames = { same: host.frame({ url: /frame=same/ })!, cross: host.frame({ url: /frame=cross/ })! };
  await frames.same.waitForFunction(() => 'webauthnTest' in window);
  await frames.cross.waitForFunction(() => 'webauthnTest' in window);
  const run = (f: typeof frames.same, kind: string) =>
    f.evaluate(
      (k) =>
        (window as unknown as { webauthnTest: { raw(k: string, o: unknown): Promise<unknown> } }).webauthnTest.raw(k, {
          challenge: 'AAECAwQFBgcICQoLDA0ODw',
          rpId: 'localhost',
          userVerification: 'discouraged',
          timeout: 3000,
        }),
      kind,
    ) as Promise<Outcome>;
  const same = await run(frames.same, 'get');
  const cross = await run(frames.cross, 'get');
  const log = await logUntil(host, (l) => l.filter((r) => r.kind === 'get' && r.status !== 'pending').length >= 2);
  const gets = log.filter((r) => r.kind === 'get');
  const sameRec = gets.find((r) => r.origin === rp.url)!;
  const crossRec = gets.find((r) => r.origin === rp.crossOriginUrl)!;
  assert.ok(sameRec && crossRec, JSON.stringify(gets.map((g) => g.origin)));
  assert.equal(sameRec.topLevel, false);
  assert.equal(sameRec.crossOrigin, false);
  assert.equal(crossRec.topLevel, false);
  assert.equal(crossRec.crossOrigin, true);
  assert.equal(crossRec.topOrigin, rp.url);
  assert.match(crossRec.url, /frame=cross/);
  assert.equal(sameRec.status === 'ok', same.ok);
  assert.equal(crossRec.status === 'ok', cross.ok);
  await host.close();
});

test('a hostile page cannot forge origins, reach another tab, or stop recording', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${rp.url}/blank.html?other`);
  const otherTab = await browser.tabIdOf(other);
  const hostile = await browser.context.newPage();
  await hostile.goto(`${rp.crossOriginUrl}/blank.html?hostile`);
  await addVirtualAuthenticator(browser.context, hostile);
  await hostile.evaluate((tabId) => {
    const ch = '__webauthn_devtools__';
    const forged = {
      id: 'forged',
      kind: 'create',
      mode: 'native',
      status: 'ok',
      startTime: 1,
      url: 'https://bank.example/',
      origin: 'https://bank.example',
      tabId,
      frameId: 0,
      topLevel: true,
      crossOrigin: false,
    };
    window.postMessage({ channel: ch, type: 'log/ceremony', record: forged }, '*');
    window.postMessage(
      {
        channel: ch,
        type: 'log/ceremony',
        record: { ...forged, id: 'huge', options: { blob: 'x'.repeat(2_000_000) } },
      },
      '*',
    );
    for (const bad of [
      null,
      42,
      'text',
      { channel: ch },
      { channel: ch, type: 'log/ceremony', record: { id: 5 } },
      { channel: ch, type: 'rpc/request', id: 1 },
    ])
      window.postMessage(bad, '*');
    // Globals replaced after load: recording must not depend on them.
    window.postMessage = () => undefined;
    JSON.stringify = () => 'broken';
    (window as unknown as { Promise: unknown }).Promise = () => {
      throw new Error('no promises');
    };
    ArrayBuffer.prototype.slice = () => {
      throw new Error('no slicing');
    };
  }, otherTab);
  const r = await hostile.evaluate(() =>
    navigator.credentials
      .get({
        publicKey: { challenge: new Uint8Array(16), rpId: 'localhost', timeout: 2000, userVerification: 'discouraged' },
      })
      .then(
        () => 'ok',
        (e: Error) => e.name,
      ),
  );
  assert.ok(typeof r === 'string');
  const log = await logUntil(hostile, (l) => l.some((x) => x.kind === 'get' && x.status !== 'pending'));
  const forged = log.find((x) => x.id.endsWith('-forged'));
  assert.ok(forged, 'the page may add to its own log');
  assert.equal(forged.origin, rp.crossOriginUrl, 'but the origin is the one the browser reports');
  assert.equal(forged.tabId, await browser.tabIdOf(hostile));
  assert.ok(!log.some((x) => x.id.endsWith('-huge')), 'oversized messages are dropped');
  const get = log.find((x) => x.kind === 'get' && x.status !== 'pending');
  assert.ok(get, 'recording survives replaced globals');
  assert.equal(get.origin, rp.crossOriginUrl);
  assert.deepEqual(await browser.readLog(other), [], 'nothing reached the other tab');
  await other.close();
  await hostile.close();
});

test('the log survives a service-worker restart', async () => {
  const before = await browser.readLog(page);
  assert.ok(before.length >= 2);
  await browser.stopServiceWorker();
  await new Promise((r) => setTimeout(r, 500));
  const after = await browser.readLog(page);
  assert.deepEqual(after, before);
  const auth = (await page.evaluate(() =>
    (window as unknown as { webauthnTest: { login(u: string): Promise<unknown> } }).webauthnTest.login('alice'),
  )) as Outcome;
  assert.ok(auth.ok);
  const more = await logUntil(page, (l) => l.filter((r) => r.kind === 'get' && r.status === 'ok').length >= 2);
  assert.deepEqual(more.slice(0, before.length), before);
});
