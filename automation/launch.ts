// Where the built extension is, and how to launch each browser with it: the flags Chromium needs, and the
// launch options Puppeteer needs for Firefox over WebDriver BiDi (the add-on's UUID pinned, so that the
// controller can open the extension's page).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The add-on id the Firefox build declares (browser_specific_settings.gecko.id). */
export const FIREFOX_ADDON_ID = 'webauthn-devtools@passkey-devtools.dev';
/** The moz-extension:// host firefoxLaunchOptions() pins for the add-on. */
export const FIREFOX_ADDON_UUID = '7f4c8a1e-2b9d-4e6f-8a3c-5d1e9b7a2c40';

// dist/automation/index.js sits beside dist/chrome and dist/firefox (in this repository and in the package).
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The unpacked extension for that browser. */
export function extensionPath(browser: 'chromium' | 'firefox'): string {
  return join(DIST, browser === 'chromium' ? 'chrome' : 'firefox');
}

/** The flags that load the extension into Chromium (Playwright: launchPersistentContext's `args`). */
export function chromiumArgs(): string[] {
  const path = extensionPath('chromium');
  return [`--disable-extensions-except=${path}`, `--load-extension=${path}`];
}

export interface FirefoxLaunchOptions {
  browser: 'firefox';
  protocol: 'webDriverBiDi';
  args: string[];
  extraPrefsFirefox: Record<string, unknown>;
}

/** What puppeteer.launch() needs for Firefox: merge in your own (executablePath, headless, userDataDir). */
export function firefoxLaunchOptions(): FirefoxLaunchOptions {
  return {
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
      'xpinstall.signatures.required': false,
    },
  };
}
