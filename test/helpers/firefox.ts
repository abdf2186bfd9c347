// Launches Firefox ESR with the built extension installed as a temporary add-on, over WebDriver BiDi.
// The add-on's internal UUID is pinned through a pref so tests can open its pages
// (moz-extension://<uuid>/popup/popup.html) without scraping about:debugging.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

export const FIREFOX_DIST = join(import.meta.dirname, '..', '..', 'dist', 'firefox');
export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_UUID = '5e0b3c52-7d0a-4d0e-9a3b-6f1f2c7a9d11';

export interface FirefoxSession {
  browser: Browser;
  extensionId: string;
  /** moz-extension://<uuid> — the extension's own pages live under it. */
  extensionOrigin: string;
  profileDir: string;
  /** Opens one of the extension's pages ("popup/popup.html") in a new tab, ready for evaluate(). */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(
  opts: { profileDir?: string; keepProfile?: boolean; prefs?: Record<string, string | number | boolean> } = {},
): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} is missing: apt-get install firefox-esr`);
  const manifest = JSON.parse(readFileSync(join(FIREFOX_DIST, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const extensionId = manifest.browser_specific_settings.gecko.id;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'wa-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    protocol: 'webDriverBiDi',
    headless: true,
    // Firefox 153+ lets WebDriver navigate to moz-extension:// pages only with system access allowed.
    args: ['--remote-allow-system-access'],
    userDataDir: profileDir,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: FIREFOX_EXTENSION_UUID }),
      'xpinstall.signatures.required': false,
      // No network beyond localhost here: keep Firefox from trying.
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'app.update.enabled': false,
      ...opts.prefs,
    },
  });
  await browser.installExtension(FIREFOX_DIST);
  return {
    browser,
    extensionId,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    profileDir,
    async openExtensionPage(path: string) {
      const page = await browser.newPage();
      const url = `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`;
      // Firefox 153 over BiDi never reports the load of a moz-extension:// navigation as finished,
      // so start it and wait for the document itself instead.
      void page.goto(url).catch(() => undefined);
      // An evaluation that meets the navigation itself can fail inside Firefox's remote agent ("Waiting
      // failed", a protocol error from the realm being replaced): ask again until the deadline.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await page.waitForFunction(
            () => location.protocol === 'moz-extension:' && document.readyState === 'complete',
            {
              polling: 100,
              timeout: Math.max(1, deadline - Date.now()),
            },
          );
          return page;
        } catch (e) {
          if (Date.now() >= deadline) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (!opts.keepProfile && !opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Puts `value` into the panel's Decode box as a paste does (Puppeteer's typing would take seconds for a payload). */
export async function pasteIntoDecodeBox(page: Page, value: string): Promise<void> {
  const box = (await page.waitForSelector('textarea[aria-label="WebAuthn data to decode"]'))!;
  await box.evaluate((el, v) => {
    const t = el as HTMLTextAreaElement;
    t.value = v;
    t.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}
