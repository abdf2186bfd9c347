// Fault test: the extension's service worker is killed (CDP Target.closeTarget, what a crash or the browser's
// eviction looks like) at offsets from 0 to 300 ms after ceremonies, with the mock off (Chromium's virtual
// authenticator answers) and with it on. Every ceremony the page saw settle is in its tab's log, once, in the
// order the page made them. And every credential and sign count the mock answered with is stored when the
// worker is killed right after the answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../helpers/chromium.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

const KILLS_PER_MODE = 26;
const OFFSETS_MS = Array.from({ length: KILLS_PER_MODE }, (_, i) => Math.round((i * 300) / (KILLS_PER_MODE - 1)));

let rp: RpServer, browser: ChromiumSession, cdp: CDPSession;

before(async () => {
  rp = await startRpServer();
  browser = await launchChromium();
  cdp = await browser.context.browser()!.newBrowserCDPSession();
});
after(async () => {
  await browser?.close();
  await rp?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workerTarget(): Promise<string | undefined> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  return targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
  )?.targetId;
}

/** A message from an extension page starts a stopped worker; waits until it runs. */
async function wakeWorker(): Promise<string> {
  const ext = await browser.extensionPage();
  for (let i = 0; i < 100; i++) {
    const id = await workerTarget();
    if (id) return id;
    await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined));
    await sleep(50);
  }
  throw new Error('the service worker did not start');
}

/** One get() (or create() first) in the page with a challenge of its own; returns the challenge and outcome. */
function ceremony(page: Page, kind: 'create' | 'get', i: number, credentialId?: string) {
  return page.evaluate(
    async ({ kind, i, credentialId }) => {
      const challenge = crypto.getRandomValues(new Uint8Array(32));
      const b64 = (b: Uint8Array) =>
        btoa(String.fromCharCode(...b))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const idBytes = credentialId
        ? Uint8Array.from(atob(credentialId.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
        : undefined;
      try {
        const c = (await (kind === 'create'
          ? navigator.credentials.create({
              publicKey: {
                rp: { id: 'localhost', name: 'RP' },
                user: { id: new TextEncoder().encode(`u${i}`), name: `u${i}`, displayName: `U ${i}` },
                challenge,
                pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
              },
            })
          : navigator.credentials.get({
              publicKey: {
                challenge,
                rpId: 'localhost',
                ...(idBytes ? { allowCredentials: [{ type: 'public-key' as const, id: idBytes }] } : {}),
              },
            }))) as PublicKeyCredential;
        return { challenge: b64(challenge), ok: true, id: c.id };
      } catch (e) {
        return { challenge: b64(challenge), ok: false, error: (e as Error).name };
      }
    },
    { kind, i, credentialId },
  );
}

/** The tab's create/get records once every expected challenge is there (or the last read after 20 s). */
async function logOf(page: Page, expected: number): Promise<CeremonyRecord[]> {
  let log: CeremonyRecord[] = [];
  for (let i = 0; i < 80; i++) {
    log = (await browser.readLog(page)).filter(
      (r) => (r.kind === 'create' || r.kind === 'get') && r.status !== 'pending',
    );
    if (log.length >= expected) break;
    await sleep(250);
  }
  return log;
}

async function killAfterEach(page: Page, credentialId: string | undefined, first: number) {
  const seen: Array<{ challenge: string; ok: boolean }> = [];
  for (const [i, offset] of OFFSETS_MS.entries()) {
    const target = await wakeWorker();
    await page.bringToFront();
    seen.push(await ceremony(page, 'get', first + i, credentialId));
    await sleep(offset);
    await cdp.send('Target.closeTarget', { targetId: target }).catch(() => undefined);
  }
  return seen;
}

function assertAllOnceInOrder(log: CeremonyRecord[], challenges: string[]): void {
  const logged = log.map((r) => (r.options as { challenge?: string } | undefined)?.challenge);
  const lost = challenges.filter((c) => !logged.includes(c));
  assert.equal(lost.length, 0, `${lost.length} of ${challenges.length} ceremonies lost`);
  assert.equal(new Set(log.map((r) => r.id)).size, log.length, 'no record twice');
  assert.deepEqual(logged, challenges, 'in the order the page made them');
}

test(`mock off: ${KILLS_PER_MODE} worker kills at 0–300 ms after ceremonies lose no record`, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${rp.url}/blank.html?mock=off`);
  await page.evaluate('globalThis.__name = (f) => f');
  await addVirtualAuthenticator(browser.context, page);
  const reg = await ceremony(page, 'create', 0);
  assert.ok(reg.ok, JSON.stringify(reg));
  const seen = await killAfterEach(page, (reg as { id: string }).id, 1);
  assert.ok(
    seen.every((s) => s.ok),
    JSON.stringify(seen.filter((s) => !s.ok)),
  );
  const challenges = [reg.challenge, ...seen.map((s) => s.challenge)];
  assertAllOnceInOrder(await logOf(page, challenges.length), challenges);

  await page.close();
});

test(`mock on: ${KILLS_PER_MODE} worker kills at 0–300 ms after ceremonies lose no record`, async () => {
  await browser.setMockEverywhere(true);
  const page = await browser.context.newPage();
  await page.goto(`${rp.url}/blank.html?mock=on`);
  await page.evaluate('globalThis.__name = (f) => f');
  await page.bringToFront();
  const reg = await ceremony(page, 'create', 100);
  assert.ok(reg.ok, JSON.stringify(reg));
  const seen = await killAfterEach(page, (reg as { id: string }).id, 101);
  // A call can meet the worker's death (its port closes under it): the page gets NotAllowedError, and that
  // outcome must be in the log too.
  const challenges = [reg.challenge, ...seen.map((s) => s.challenge)];
  assertAllOnceInOrder(await logOf(page, challenges.length), challenges);

  await page.close();
});

const CREDENTIAL_ROUNDS = 12;

/** get() with one credential in the page; the sign count the page received, or the error's name. */
function signCountOf(page: Page, credentialId: string) {
  return page.evaluate(async (id) => {
    const idBytes = Uint8Array.from(atob(id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    try {
      const a = (await navigator.credentials.get({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          rpId: 'localhost',
          allowCredentials: [{ type: 'public-key', id: idBytes }],
        },
      })) as PublicKeyCredential;
      return new DataView((a.response as AuthenticatorAssertionResponse).authenticatorData).getUint32(33);
    } catch (e) {
      return (e as Error).name;
    }
  }, credentialId);
}

test(`mock on: ${CREDENTIAL_ROUNDS} credentials and their sign counts survive a kill right after each answer`, async () => {
  await browser.setMockEverywhere(true);
  const page = await browser.context.newPage();
  await page.goto(`${rp.url}/blank.html?mock=credentials`);
  await page.evaluate('globalThis.__name = (f) => f');
  const received: Array<{ id: string; signCount: number }> = [];
  for (let i = 0; i < CREDENTIAL_ROUNDS; i++) {
    let target = await wakeWorker();
    await page.bringToFront();
    const reg = await ceremony(page, 'create', 200 + i);
    await cdp.send('Target.closeTarget', { targetId: target }).catch(() => undefined);
    assert.ok(reg.ok, JSON.stringify(reg));
    const id = (reg as { id: string }).id;
    target = await wakeWorker();
    await page.bringToFront();
    const signCount = await signCountOf(page, id);
    await cdp.send('Target.closeTarget', { targetId: target }).catch(() => undefined);
    assert.equal(typeof signCount, 'number', `round ${i}: ${signCount}`);
    received.push({ id, signCount: signCount as number });
  }
  // A fresh worker reads every credential from storage: each still signs, and its count moves past the one
  // the page received (a lost sign-count write would repeat it).
  await wakeWorker();
  await page.bringToFront();
  for (const { id, signCount } of received) {
    const next = await signCountOf(page, id);
    assert.equal(typeof next, 'number', `credential ${id}: ${next}`);
    assert.ok((next as number) > signCount, `credential ${id}: ${next} after ${signCount}`);
  }
  await page.close();
});
