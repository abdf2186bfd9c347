// webauthn-devtools/automation: drive the extension's mock authenticator from a test suite, in Chromium
// (Playwright or Puppeteer) and in Firefox (Puppeteer over WebDriver BiDi). See the README's Automation
// section.
import type { AttachTarget } from './attach.js';
import { Controller } from './controller.js';

export { chromiumArgs, extensionPath, firefoxLaunchOptions, type FirefoxLaunchOptions } from './launch.js';
export { Controller } from './controller.js';
export {
  scan,
  SCAN_AUTHENTICATOR,
  type ScanFlowArgs,
  type ScanOptions,
  type Scorecard,
  type ScorecardEntry,
} from './scan.js';
export { TAMPERINGS, type Tampering } from '../src/authenticator/tamperings.js';
export type {
  AppliedTampering,
  AuthenticatorOptions,
  CredentialEvent,
  CredentialProperties,
  RecordedCeremony,
  VirtualAuthenticatorOptions,
  VirtualCredential,
} from './controller.js';
export type { AttachTarget, PlaywrightContextLike, PuppeteerBrowserLike } from './attach.js';
export type { AutomationEventName } from '../src/messages.js';

/** A controller for the extension in this browser: a Playwright BrowserContext or a Puppeteer Browser. */
export async function attach(target: AttachTarget): Promise<Controller> {
  const controller = new Controller(target);
  await controller.ready();
  return controller;
}
