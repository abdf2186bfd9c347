// The RP security scan in Chromium (Playwright): the whole catalogue against the deliberately vulnerable RP.
import { after, before, test } from 'node:test';
import { attach, type Controller } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension } from '../helpers/automationBrowsers.js';
import { startScanRp, type ScanRp } from '../server/scanRp.js';
import { everyCheckOn, oneCheckOff, type ScanSetup } from './rpScan/scanSuite.js';

let rp: ScanRp, chromium: Awaited<ReturnType<typeof launchChromiumWithExtension>>;
let controller: Controller, setup: ScanSetup;

before(async () => {
  rp = await startScanRp();
  chromium = await launchChromiumWithExtension();
  controller = await attach(chromium.context);
  rp.trust(await controller.attestationRoot());
  setup = { target: chromium.context as never, controller, rp };
});
after(async () => {
  await controller?.close();
  await chromium?.close();
  await rp?.close();
});

test('Chromium: with every check on, the scan flags nothing; its scorecard files are written', () =>
  everyCheckOn(setup));
test('Chromium: each check switched off alone lets exactly its tamperings through', () => oneCheckOff(setup));
