// The automation scenario (test/e2e/automation/scenario.ts) with Puppeteer driving Firefox ESR over
// WebDriver BiDi: launched with firefoxLaunchOptions(), the extension installed by attach() itself.
import { after, before, test } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { attach, firefoxLaunchOptions, type Controller } from 'webauthn-devtools/automation';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, browser: Browser, page: Page, controller: Controller, setup: ScenarioSetup;

before(async () => {
  rp = await startRpServer();
  const o = firefoxLaunchOptions();
  browser = await puppeteer.launch({
    ...o,
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { ...o.extraPrefsFirefox, 'network.captive-portal-service.enabled': false },
  });
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
