// The automation scenario (test/e2e/automation/scenario.ts) with Playwright driving Chromium, the extension
// loaded with chromiumArgs() and attached through the package's public entry.
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>, page: Page;
let controller: Controller, setup: ScenarioSetup;

before(async () => {
  rp = await startRpServer();
  chromium = await launchChromiumWithExtension();
  controller = await attach(chromium.context);
  page = await chromium.context.newPage();
  await page.goto(`${rp.url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  setup = { controller, page, origin: rp.url, bringToFront: () => page.bringToFront() };
});
after(async () => {
  await controller?.close();
  await chromium?.close();
  await rp?.close();
});

test('Playwright + Chromium: the eight automation steps', () => runAutomationScenario(setup));
test('Playwright + Chromium: a page can neither add nor read a credential through the control channel', () =>
  assertPageCannotControl(setup));
