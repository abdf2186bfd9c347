// The RP security scan against an honest RP built on @simplewebauthn/server (test/server/rpServer.ts, the demo
// RP): nothing the library checks gets through. What does get through is what the library leaves to the RP by
// design, each listed here with the reason (and in the README).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { attach, scan, type Controller } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';

/** Accepted by the demo RP, and why: the RP's own job, not @simplewebauthn/server's. */
const LEFT_TO_THE_RP: Record<string, string> = {
  'create:credential-id-taken':
    'the library has no credential database: refusing an id registered to anyone is the RP’s',
  'create:credential-key-replaced': 'the same: the RP must look the id up before it stores the new key',
  'create:credential-id-too-long': 'the library does not refuse a credential id over 1023 bytes (§7.1); the RP must',
  'create:cross-origin-true':
    'the library does not refuse crossOrigin: true at registration; an RP never embedded must',
  'get:be-changed': 'the library returns the flags; comparing BE with the registration’s is the RP’s',
  'get:user-handle-other-user':
    'the library does not read userHandle; an RP that trusts it to pick the user must check it',
};

let rp: RpServer, chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>, controller: Controller;
type Demo = {
  webauthnTest: Record<
    'register' | 'login',
    (u: string) => Promise<{ ok: boolean; errorName?: string; verification?: { verified?: boolean; reason?: string } }>
  >;
};

const flow =
  (kind: 'register' | 'login') =>
  async ({ page, username }: { page: Page; username: string }) => {
    if (!page.url().startsWith(rp.url)) {
      await page.goto(`${rp.url}/`);
      await page.evaluate('globalThis.__name = (f) => f');
    }
    const r = await page.evaluate(
      ([k, u]) => (window as unknown as Demo).webauthnTest[k as 'register'](u),
      [kind, username],
    );
    if (!r.ok || !r.verification?.verified) throw new Error(r.verification?.reason ?? r.errorName ?? 'refused');
  };

before(async () => {
  rp = await startRpServer();
  chromium = await launchChromiumWithExtension();
  controller = await attach(chromium.context);
});
after(async () => {
  await controller?.close();
  await chromium?.close();
  await rp?.close();
});

test('an RP on @simplewebauthn/server: the scan flags only what the library leaves to the RP', async () => {
  const card = await scan<Page>({
    target: chromium.context,
    controller,
    register: flow('register'),
    login: flow('login'),
  });
  const accepted = card.entries.filter((e) => e.accepted === true).map((e) => `${e.ceremony}:${e.id}`);
  assert.deepEqual(
    accepted.sort(),
    Object.keys(LEFT_TO_THE_RP).sort(),
    JSON.stringify(card.entries.filter((e) => e.accepted).map((e) => [e.id, e.evidence])),
  );
  // It asks for no attestation and prefers UV: those tamperings do not apply, and the scan says so.
  const notApplicable = card.entries.filter((e) => e.accepted === null).map((e) => `${e.ceremony}:${e.id}`);
  assert.ok(
    notApplicable.includes('create:attestation-chain-untrusted') && notApplicable.includes('get:uv-clear'),
    JSON.stringify(notApplicable),
  );
});
