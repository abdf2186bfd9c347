// The automation scenario (test/e2e/automation/scenario.ts) with Playwright driving Chromium, the extension
// loaded with chromiumArgs() and attached through the package's public entry.
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { attach, chromiumArgs, type Controller } from 'webauthn-devtools/automation';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { assertPageCannotControl, runAutomationScenario, type ScenarioSetup } from './automation/scenario.js';

let rp: RpServer, context: BrowserContext, page: Page, controller: Controller, setup: ScenarioSetup;
const profile = mkdtempSync(join(tmpdir(), 'wa-auto-pw-'));

before(async () => {
  rp = await startRpServer();
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    args: ['--headless=new', '--no-sandbox', ...chromiumArgs()],
  });
  controller = await attach(context);
  page = await context.newPage();
  await page.goto(`${rp.url}/blank.html`);
  await page.evaluate('globalThis.__name = (f) => f');
  setup = { controller, page, origin: rp.url, bringToFront: () => page.bringToFront() };
});
after(async () => {
  await controller?.close();
  await context?.close();
  await rp?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('Playwright + Chromium: the eight automation steps', () => runAutomationScenario(setup));
test('Playwright + Chromium: a page can neither add nor read a credential through the control channel', () =>
  assertPageCannotControl(setup));
