// A full RP security scan of the catalogue against the test's vulnerable RP (every check on), in Chromium:
// the wall time and the time per tampering, beside one honest registration and sign-in measured in the
// same run (what a tampering costs at least: its ceremony and the honest ones it needs).
import type { Page } from 'playwright-core';
import { attach, scan, SCAN_AUTHENTICATOR, TAMPERINGS } from 'webauthn-devtools/automation';
import { launchChromiumWithExtension } from '../test/helpers/automationBrowsers.js';
import { scanFlows, startScanRp } from '../test/server/scanRp.js';

const round = (x: number) => Math.round(x);

export async function run(): Promise<object> {
  const rp = await startScanRp();
  const chromium = await launchChromiumWithExtension();
  const context = chromium.context;
  try {
    const controller = await attach(context);
    rp.trust(await controller.attestationRoot());
    const flows = scanFlows(rp);
    // The baseline: an authenticator, a fresh page, one honest registration and sign-in, as a tampering has.
    const honest: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const id = await controller.addVirtualAuthenticator(SCAN_AUTHENTICATOR);
      const page = await context.newPage();
      await flows.register({ page, username: `honest-${i}` });
      await flows.login({ page, username: `honest-${i}` });
      await page.close();
      await controller.removeVirtualAuthenticator(id);
      honest.push(performance.now() - t0);
    }
    const t0 = performance.now();
    const card = await scan<Page>({ target: context, controller, ...flows });
    const wall = performance.now() - t0;
    const perTampering = wall / TAMPERINGS.length;
    const baseline = [...honest].sort((a, b) => a - b)[2]!;
    await controller.close();
    return {
      tamperings: TAMPERINGS.length,
      refused: card.summary.refused,
      wallMs: round(wall),
      perTamperingMs: round(perTampering),
      honestRegisterAndLoginMs: round(baseline),
      perTamperingToHonestPair: Math.round((perTampering / baseline) * 100) / 100,
    };
  } finally {
    await chromium.close();
    await rp.close();
  }
}
