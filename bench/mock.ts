// Page-observed median create() and get() (ES256) answered by the mock authenticator, side by side with
// Chromium's CDP virtual authenticator (the baseline) in the same run.
import type { Page } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../test/e2e/helpers/chromium.js';
import { startRpServer } from '../test/server/rpServer.js';

const ROUNDS = 40;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Median page-observed times on `page` (already on the RP, with whatever authenticator answers there). */
async function measure(page: Page): Promise<{ create: number; get: number }> {
  await page.evaluate('globalThis.__name = (f) => f');
  const t = await page.evaluate(async (rounds) => {
    const create: number[] = [], get: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const user = { id: new TextEncoder().encode(`u${i}`), name: `u${i}`, displayName: `U ${i}` };
      let t0 = performance.now();
      const c = await navigator.credentials.create({ publicKey: { rp: { id: 'localhost', name: 'RP' }, user, challenge: crypto.getRandomValues(new Uint8Array(32)), pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } }) as PublicKeyCredential;
      create.push(performance.now() - t0);
      t0 = performance.now();
      await navigator.credentials.get({ publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), rpId: 'localhost', allowCredentials: [{ type: 'public-key', id: c.rawId }] } });
      get.push(performance.now() - t0);
    }
    return { create, get };
  }, ROUNDS);
  return { create: median(t.create.slice(5)), get: median(t.get.slice(5)) };
}

async function onRpPage(b: ChromiumSession, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${url}/blank.html`);
  return page;
}

export async function run(): Promise<object> {
  const rp = await startRpServer();
  try {
    const native = await launchChromium({ extension: false });
    const page = await onRpPage(native, rp.url);
    await addVirtualAuthenticator(native.context, page);
    const virtual = await measure(page);
    await native.close();

    const withMock = await launchChromium();
    const popup = await withMock.context.newPage();
    await popup.goto(`chrome-extension://${withMock.extensionId}/popup/popup.html`);
    await popup.getByLabel('Answer WebAuthn calls on every site').check();
    await popup.close();
    const mock = await measure(await onRpPage(withMock, rp.url));
    await withMock.close();
    const fig = (k: 'create' | 'get') => ({
      medianMsVirtualAuthenticator: Number(virtual[k].toFixed(3)), medianMsMock: Number(mock[k].toFixed(3)),
      ratioMockToVirtual: Number((mock[k] / virtual[k]).toFixed(3)), target: 'ratio <= 1.0',
    });
    return { rounds: ROUNDS, algorithm: 'ES256', create: fig('create'), get: fig('get') };
  } finally {
    await rp.close();
  }
}
