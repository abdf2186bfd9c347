// The automation controller's speed, in Chromium (Playwright) and Firefox (Puppeteer over BiDi): the median
// latency of one command (getCredentials), beside a bare evaluate in a page of the same browser (the
// transport's own cost, the baseline); and a suite's per-test set-up (add an authenticator, add a credential,
// one get()), beside the same set-up with Chromium's CDP virtual authenticator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { attach, chromiumArgs, firefoxLaunchOptions, type Controller } from 'webauthn-devtools/automation';
import { startRpServer } from '../test/server/rpServer.js';

const COMMANDS = 60;
const SETUPS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;
const b64 = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('base64url');

interface EvalPage {
  evaluate(fn: never, arg: never): Promise<unknown>;
}
const inPage = <R, A>(p: EvalPage, fn: (a: A) => R, arg: A) =>
  p.evaluate(fn as never, arg as never) as Promise<Awaited<R>>;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** One get() in the page with the credential; throws unless it signs. */
const getWith = (page: EvalPage, id: string) =>
  inPage(
    page,
    async (credentialId: string) => {
      const raw = Uint8Array.from(atob(credentialId.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      await navigator.credentials.get({
        publicKey: {
          challenge: new Uint8Array(32),
          rpId: 'localhost',
          allowCredentials: [{ type: 'public-key', id: raw }],
        },
      });
    },
    id,
  );

async function measure(controller: Controller, page: EvalPage) {
  const pkcs8 = b64(
    await webcrypto.subtle.exportKey(
      'pkcs8',
      (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])).privateKey,
    ),
  );
  const probe = await controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb' });
  const command: number[] = [],
    bare: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    // Alternating, so that drift in the machine's load hits both.
    bare.push(await timed(() => inPage(page, () => 1, null)));
    command.push(await timed(() => controller.getCredentials(probe)));
  }
  await controller.removeVirtualAuthenticator(probe);
  const setup: number[] = [];
  for (let i = 0; i < SETUPS; i++) {
    const credentialId = b64(webcrypto.getRandomValues(new Uint8Array(16)));
    let id = '';
    // As a suite's beforeEach: the test's authenticator, its credential, and the first sign-in. The
    // afterEach removal is outside the figure.
    setup.push(
      await timed(async () => {
        id = await controller.addVirtualAuthenticator({ protocol: 'ctap2', transport: 'usb' });
        await controller.addCredential(id, {
          credentialId,
          isResidentCredential: false,
          rpId: 'localhost',
          privateKey: pkcs8,
          signCount: 0,
        });
        await getWith(page, credentialId);
      }),
    );
    await controller.removeVirtualAuthenticator(id);
  }
  return {
    commandMedianMs: round(median(command)),
    bareEvaluateMedianMs: round(median(bare)),
    commandToBareEvaluate: round(median(command) / median(bare)),
    setupMedianMs: round(median(setup.slice(2))),
    pkcs8,
  };
}

export async function run(): Promise<object> {
  const rp = await startRpServer();
  const out: Record<string, unknown> = { targets: { commandMedianMs: '< 5', setupMedianMs: '< 20' } };
  try {
    // Chromium with Playwright, and its CDP virtual authenticator as the set-up baseline.
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wa-bench-auto-')), {
      executablePath: '/usr/bin/chromium',
      headless: false,
      args: ['--headless=new', '--no-sandbox', ...chromiumArgs()],
    });
    try {
      const controller = await attach(context);
      const page = await context.newPage();
      await page.goto(`${rp.url}/blank.html`);
      const ours = await measure(controller, page);
      const cdpPage = await context.newPage();
      await cdpPage.goto(`${rp.url}/blank.html?cdp`);
      const cdp = await context.newCDPSession(cdpPage);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      const cdpSetup: number[] = [];
      for (let i = 0; i < SETUPS; i++) {
        const credentialId = b64(webcrypto.getRandomValues(new Uint8Array(16)));
        let authenticatorId = '';
        cdpSetup.push(
          await timed(async () => {
            ({ authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
              options: { protocol: 'ctap2', transport: 'usb', automaticPresenceSimulation: true },
            })) as { authenticatorId: string });
            await cdp.send('WebAuthn.addCredential', {
              authenticatorId,
              credential: {
                credentialId: Buffer.from(credentialId, 'base64url').toString('base64'),
                isResidentCredential: false,
                rpId: 'localhost',
                privateKey: Buffer.from(ours.pkcs8, 'base64url').toString('base64'),
                signCount: 0,
              },
            });
            await getWith(cdpPage, credentialId);
          }),
        );
        await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      }
      const { pkcs8: _, ...figures } = ours;
      out.chromium = {
        ...figures,
        cdpSetupMedianMs: round(median(cdpSetup.slice(2))),
        setupToCdp: round(ours.setupMedianMs / median(cdpSetup.slice(2))),
      };
      await controller.close();
    } finally {
      await context.close();
    }
    // Firefox with Puppeteer over BiDi: no virtual authenticator of its own to compare with.
    const o = firefoxLaunchOptions();
    const browser = await puppeteer.launch({ ...o, executablePath: '/usr/bin/firefox-esr', headless: true });
    try {
      const controller = await attach(browser);
      const page = await browser.newPage();
      await page.goto(`${rp.url}/blank.html`);
      const { pkcs8: _, ...figures } = await measure(controller, page);
      out.firefox = figures;
      await controller.close();
    } finally {
      await browser.close();
    }
  } finally {
    await rp.close();
  }
  return out;
}
