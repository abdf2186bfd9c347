// Related Origin Requests with the mock, beside Chromium's virtual authenticator in the same browser: a page on
// https://app.test uses the RP ID rp.test, whose https://rp.test/.well-known/webauthn lists app.test's origin;
// a page on https://other.test, not listed, gets SecurityError; so does an RP ID whose list is missing. The
// hosts resolve to a local HTTPS server with a self-signed certificate Chromium is told to accept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../helpers/chromium.js';
import { startHttpsServer, type HttpsServer } from '../server/httpsServer.js';

let https: HttpsServer, browser: ChromiumSession, page: Page;
before(async () => {
  https = await startHttpsServer({
    hosts: ['rp.test', 'app.test', 'other.test', 'norelated.test'],
    wellKnown: (host, port) => (host === 'rp.test' ? { origins: [`https://app.test:${port}`] } : undefined),
  });
  browser = await launchChromium({
    args: [
      '--ignore-certificate-errors',
      // The well-known list is fetched from port 443; the server listens elsewhere.
      `--host-resolver-rules=MAP rp.test:443 127.0.0.1:${https.port}, MAP norelated.test:443 127.0.0.1:${https.port}, MAP *.test 127.0.0.1`,
    ],
  });
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
  await https?.close();
});

/** create() with the RP ID, then get() of that credential (Chromium's virtual authenticator finds no
 * discoverable credential through a related origin), on a page of `host`; the outcomes by name. */
async function withRpId(host: string, rpId: string) {
  await page.goto(`${https.origin(host)}/`);
  await page.bringToFront();
  await page.evaluate('globalThis.__name = (f) => f');
  return page.evaluate(async (id) => {
    const name = (e: unknown) => (e as Error).name;
    let created: string;
    let rawId: ArrayBuffer | undefined;
    try {
      const c = await navigator.credentials.create({
        publicKey: {
          rp: { id, name: 'Related' },
          user: { id: crypto.getRandomValues(new Uint8Array(8)), name: 'r', displayName: 'R' },
          challenge: new Uint8Array(32),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'discouraged' },
        },
      });
      rawId = (c as PublicKeyCredential).rawId;
      created = 'ok';
    } catch (e) {
      created = name(e);
    }
    let got: string;
    try {
      const a = (await navigator.credentials.get({
        publicKey: {
          challenge: new Uint8Array(32),
          rpId: id,
          userVerification: 'discouraged',
          ...(rawId ? { allowCredentials: [{ type: 'public-key' as const, id: rawId }] } : {}),
        },
      })) as PublicKeyCredential;
      got = `ok ${JSON.parse(new TextDecoder().decode(a.response.clientDataJSON)).origin}`;
    } catch (e) {
      got = name(e);
    }
    return { created, got };
  }, rpId);
}

const steps = async () => ({
  listed: await withRpId('app.test', 'rp.test'),
  notListed: await withRpId('other.test', 'rp.test'),
  noList: await withRpId('app.test', 'norelated.test'),
});

test('Related Origin Requests: a listed origin uses the RP ID, others get SecurityError, as in Chromium', async () => {
  await page.goto(`${https.origin('app.test')}/`);
  const va = await addVirtualAuthenticator(browser.context, page, { hasUserVerification: false });
  const chromium = await steps();
  await va.remove();
  await browser.setMockEverywhere(true);
  const mock = await steps();
  await browser.setMockEverywhere(false);
  assert.deepEqual(chromium, {
    listed: { created: 'ok', got: `ok ${https.origin('app.test')}` },
    notListed: { created: 'SecurityError', got: 'SecurityError' },
    noList: { created: 'SecurityError', got: 'SecurityError' },
  });
  assert.deepEqual(mock, chromium);
});
