// Browsers launched the way a user of webauthn-devtools/automation launches them (its own launch helpers),
// for the automation, scan and example tests and the benches: Chromium with Playwright, Firefox with
// Puppeteer over WebDriver BiDi.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, firefoxLaunchOptions } from 'webauthn-devtools/automation';

/** Playwright's persistent context on Debian's Chromium, the extension loaded; close() removes its profile. */
export async function launchChromiumWithExtension(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'wa-auto-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    args: ['--headless=new', '--no-sandbox', ...chromiumArgs()],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's Firefox ESR over BiDi, launched with firefoxLaunchOptions() (attach() installs the extension). */
export function launchFirefoxForAutomation(): Promise<Browser> {
  const o = firefoxLaunchOptions();
  return puppeteer.launch({
    ...o,
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { ...o.extraPrefsFirefox, 'network.captive-portal-service.enabled': false },
  });
}
