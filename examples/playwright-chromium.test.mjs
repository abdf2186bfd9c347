// A Playwright test with the WebAuthn DevTools virtual authenticator in Chromium. Copy it into your suite:
// `npm install --save-dev <path or git URL of webauthn-devtools> playwright-core`, then `node --test`.
// With @playwright/test, do the same in a fixture: launchPersistentContext with chromiumArgs(), attach(context).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { attach, chromiumArgs } from 'webauthn-devtools/automation';

// Your app under test; here a blank page on localhost (WebAuthn needs a secure context).
const server = createServer((_, res) => res.end('<!doctype html><title>app</title>'));
let context, controller, page, origin;

before(async () => {
  await new Promise((r) => server.listen(0, 'localhost', r));
  origin = `http://localhost:${server.address().port}`;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'example-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    args: ['--headless=new', ...chromiumArgs(), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  controller = await attach(context);
  page = await context.newPage();
  await page.goto(origin);
});
after(async () => {
  await controller?.close();
  await context?.close();
  server.close();
});

test('sign up with a passkey, then sign in with it', async () => {
  const authenticatorId = await controller.addVirtualAuthenticator({
    protocol: 'ctap2',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
  });
  await page.bringToFront();
  const signUp = await page.evaluate(async () => {
    const c = await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Example' },
        user: { id: new Uint8Array([1, 2, 3]), name: 'ada@example.com', displayName: 'Ada' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      },
    });
    return c.id;
  });
  const [stored] = await controller.getCredentials(authenticatorId);
  assert.equal(stored.credentialId, signUp);
  assert.equal(stored.rpId, 'localhost');

  const signIn = await page.evaluate(async () => {
    const a = await navigator.credentials.get({ publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)) } });
    return a.id;
  });
  assert.equal(signIn, signUp);
  // What the inspector found in the ceremonies, as the DevTools panel shows it.
  const ceremonies = await controller.ceremonies(origin);
  assert.deepEqual(
    ceremonies.map((c) => [c.record.kind, c.record.status]),
    [
      ['create', 'ok'],
      ['get', 'ok'],
    ],
  );
  await controller.removeVirtualAuthenticator(authenticatorId);
});
