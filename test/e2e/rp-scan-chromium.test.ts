// The RP security scan in Chromium (Playwright): the whole catalogue against the deliberately vulnerable RP.
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { attach, chromiumArgs, type Controller } from 'webauthn-devtools/automation';
import { startScanRp, type ScanRp } from '../server/scanRp.js';
import { everyCheckOn, oneCheckOff, type ScanSetup } from './rpScan/scanSuite.js';

let rp: ScanRp, context: BrowserContext, controller: Controller, setup: ScanSetup;
const profile = mkdtempSync(join(tmpdir(), 'wa-scan-pw-'));

before(async () => {
  rp = await startScanRp();
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    args: ['--headless=new', '--no-sandbox', ...chromiumArgs()],
  });
  controller = await attach(context);
  rp.trust(await controller.attestationRoot());
  setup = { target: context as never, controller, rp };
});
after(async () => {
  await controller?.close();
  await context?.close();
  await rp?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('Chromium: with every check on, the scan flags nothing; its scorecard files are written', () =>
  everyCheckOn(setup));
test('Chromium: each check switched off alone lets exactly its tamperings through', () => oneCheckOff(setup));
