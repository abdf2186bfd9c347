// The RP security scan in Firefox (Puppeteer over WebDriver BiDi): the whole catalogue against the
// deliberately vulnerable RP.
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { launchFirefoxForAutomation } from '../helpers/automationBrowsers.js';
import { startScanRp, type ScanRp } from '../server/scanRp.js';
import { everyCheckOn, oneCheckOff, type ScanSetup } from './rpScan/scanSuite.js';

let rp: ScanRp, browser: Browser, controller: Controller, setup: ScanSetup;

before(async () => {
  rp = await startScanRp();
  browser = await launchFirefoxForAutomation();
  controller = await attach(browser);
  rp.trust(await controller.attestationRoot());
  setup = { target: browser as never, controller, rp };
});
after(async () => {
  await controller?.close();
  await browser?.close();
  await rp?.close();
});

test('Firefox: with every check on, the scan flags nothing; its scorecard files are written', () =>
  everyCheckOn(setup));
test('Firefox: each check switched off alone lets exactly its tamperings through', () => oneCheckOff(setup));
