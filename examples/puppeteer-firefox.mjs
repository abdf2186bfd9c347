// A Puppeteer script with the WebAuthn DevTools virtual authenticator in Firefox (WebDriver BiDi), where no
// other virtual authenticator works. `npm install <path or git URL of webauthn-devtools> puppeteer-core`, then
// `node puppeteer-firefox.mjs`. attach() installs the extension as a temporary add-on.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { attach, firefoxLaunchOptions } from 'webauthn-devtools/automation';

const server = createServer((_, res) => res.end('<!doctype html><title>app</title>'));
await new Promise((r) => server.listen(0, 'localhost', r));
const origin = `http://localhost:${server.address().port}`;

const browser = await puppeteer.launch({
  ...firefoxLaunchOptions(),
  executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
  headless: true,
});
try {
  const controller = await attach(browser);
  const id = await controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb', hasResidentKey: true });
  controller.on('credentialAdded', (e) => console.log('credential added:', e.credential.credentialId));

  const page = await browser.newPage();
  await page.goto(origin);
  const credentialId = await page.evaluate(async () => {
    const c = await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Example' },
        user: { id: new Uint8Array([7]), name: 'grace@example.com', displayName: 'Grace' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required' },
      },
    });
    return c.id;
  });
  // The user cancels the next sign-in: it fails as it would in a browser, once its timeout runs out.
  await controller.setUserConsenting(id, false);
  const cancelled = await page.evaluate(async () => {
    try {
      await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), timeout: 500 } });
      return 'signed in';
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(cancelled, 'NotAllowedError');
  await controller.flushEvents();
  assert.deepEqual(
    (await controller.getCredentials(id)).map((c) => c.credentialId),
    [credentialId],
  );
  console.log('ok: signed up in Firefox, and a cancelled sign-in gave NotAllowedError');
  await controller.close([id]);
} finally {
  await browser.close();
  server.close();
}
