// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) with dist/chrome loaded, plus what
// recorder tests need: the extension id, an extension page to talk to the background from, the tab id of
// a page, the recorded log of a tab (read over the panel port, as the DevTools panel reads it), a CDP
// virtual authenticator, and stopping the service worker.
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

export const CHROME_DIST = join(import.meta.dirname, '..', '..', 'dist', 'chrome');
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumSession {
  context: BrowserContext;
  /** Empty when launched without the extension. */
  extensionId: string;
  worker(): Promise<Worker>;
  /** An extension page (devtools/panel.html?recording) kept open to query the background. */
  extensionPage(): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  /** The tab's log as a panel sees it on subscribe. */
  readLog(page: Page): Promise<CeremonyRecord[]>;
  /** Switches the mock on or off for every site from the popup, as a user would, and waits until it shows. */
  setMockEverywhere(on: boolean): Promise<void>;
  /** Stops the extension's service worker (as Chromium does when idle); it restarts on the next event. */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromium(
  opts: { extension?: boolean; userDataDir?: string; dist?: string; args?: string[] } = {},
): Promise<ChromiumSession> {
  const withExtension = opts.extension ?? true;
  const dist = opts.dist ?? CHROME_DIST;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'wa-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    // A launch that hangs fails with the browser's own log well inside the test's timeout (Playwright waits 3 min).
    timeout: 60_000,
    args: [
      '--headless=new',
      ...(withExtension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
      ...FLAGS,
      ...(opts.args ?? []),
    ],
  });
  const worker = async () =>
    context.serviceWorkers().find((w) => w.url().endsWith('/background/background.js')) ??
    context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().endsWith('/background/background.js'),
      timeout: 15000,
    });
  const extensionId = withExtension ? new URL((await worker()).url()).host : '';
  let extPage: Page | undefined;
  const extensionPage = async () => {
    if (!extPage || extPage.isClosed()) {
      extPage = await context.newPage();
      await extPage.goto(`chrome-extension://${extensionId}/devtools/panel.html?recording`);
    }
    return extPage;
  };
  const session: ChromiumSession = {
    context,
    extensionId,
    worker,
    extensionPage,
    async tabIdOf(page) {
      const marker = `wa-${Math.random().toString(36).slice(2)}`;
      await page.evaluate((m) => {
        document.documentElement.dataset.waMarker = m;
      }, marker);
      const url = page.url();
      const ext = await extensionPage();
      return ext.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        const t = tabs.find((x) => x.url === u);
        if (t?.id === undefined) throw new Error(`no tab with url ${u}`);
        return t.id;
      }, url);
    },
    async readLog(page) {
      const tabId = await session.tabIdOf(page);
      const ext = await extensionPage();
      return ext.evaluate(
        (id) =>
          new Promise<CeremonyRecord[]>((resolve, reject) => {
            const port = chrome.runtime.connect({ name: 'webauthn-devtools-panel' });
            const t = setTimeout(() => reject(new Error('no snapshot')), 5000);
            port.onMessage.addListener((m: { type: string; ceremonies?: CeremonyRecord[] }) => {
              if (m.type === 'snapshot') {
                clearTimeout(t);
                port.disconnect();
                resolve(m.ceremonies ?? []);
              }
            });
            port.postMessage({ type: 'subscribe', tabId: id });
          }),
        tabId,
      );
    },
    async setMockEverywhere(on) {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      await popup.getByLabel('Answer WebAuthn calls on every site').setChecked(on);
      await popupSettled(popup);
      await popup.close();
    },
    async stopServiceWorker() {
      const browserSession: CDPSession = await context
        .browser()!
        .newBrowserCDPSession()
        .catch(async () => context.newCDPSession(await extensionPage()));
      const { targetInfos } = (await browserSession.send('Target.getTargets')) as {
        targetInfos: Array<{ targetId: string; type: string; url: string }>;
      };
      const sw = targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
      );
      if (!sw) throw new Error('extension service worker not running');
      await browserSession.send('Target.closeTarget', { targetId: sw.targetId });
      await browserSession.detach().catch(() => undefined);
    },
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * Waits until the popup's changes are in force: the box shows a click at once, the worker saves the setting and
 * tells the pages a moment later, and the popup is busy until then.
 */
export async function popupSettled(popup: Page): Promise<void> {
  await popup.locator('main[aria-busy="false"]').waitFor();
}

export interface VirtualAuthenticator {
  authenticatorId: string;
  cdp: CDPSession;
  remove(): Promise<void>;
}

/** Chromium's virtual authenticator for this page (CDP WebAuthn domain). */
export async function addVirtualAuthenticator(
  context: BrowserContext,
  page: Page,
  options: Record<string, unknown> = {},
): Promise<VirtualAuthenticator> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      ...options,
    },
  })) as { authenticatorId: string };
  return {
    authenticatorId,
    cdp,
    remove: () => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }).then(() => undefined),
  };
}
