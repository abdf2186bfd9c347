// The automation scenario (test/e2e/automation/scenario.ts) with Puppeteer driving Firefox ESR over
// WebDriver BiDi: launched with firefoxLaunchOptions(), the extension installed by attach() itself.
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { launchFirefoxForAutomation } from '../helpers/automationBrowsers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, browser: Browser, page: Page, controller: Controller, setup: ScenarioSetup;

before(async () => {
  rp = await startRpServer();
  browser = await launchFirefoxForAutomation();
  controller = await attach(browser);
  page = await browser.newPage();
  await page.goto(`${rp.url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  setup = { controller, page, origin: rp.url, bringToFront: () => page.bringToFront() };
});
after(async () => {
  await controller?.close();
  await browser?.close();
  await rp?.close();
});

test('Puppeteer + Firefox (BiDi): the eight automation steps', () => runAutomationScenario(setup));
test('Puppeteer + Firefox (BiDi): a page can neither add nor read a credential through the control channel', () =>
  assertPageCannotControl(setup));
