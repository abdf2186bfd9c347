// The automation scenario (test/e2e/automation/scenario.ts) with Puppeteer driving Chromium over CDP.
import { after, before, test } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { attach, chromiumArgs, type Controller } from 'webauthn-devtools/automation';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, browser: Browser, page: Page, controller: Controller, setup: ScenarioSetup;

before(async () => {
  rp = await startRpServer();
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Puppeteer turns extensions off by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--no-sandbox', ...chromiumArgs()],
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

test('Puppeteer + Chromium: the eight automation steps', () => runAutomationScenario(setup));
test('Puppeteer + Chromium: a page can neither add nor read a credential through the control channel', () =>
  assertPageCannotControl(setup));
