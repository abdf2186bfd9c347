// The demo's security scan (npm start's "A relying party with mistakes" page): the whole catalogue of
// tamperings against the scan RP with a few of its checks switched off, in a headless Chromium of its own
// with the extension, driven as a test suite drives it (webauthn-devtools/automation's scan()). The last
// scorecard is kept for the page to show.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { attach, chromiumArgs, scan, type Scorecard } from 'webauthn-devtools/automation';
import { scanFlows, startScanRp, type ScanCheck } from './scanRp.js';

/** The checks the demo's relying party skips: the mistakes its scorecard should show. */
export const DEMO_MISTAKES: readonly ScanCheck[] = ['origin', 'up', 'signcount', 'attestation-trust'];

export interface DemoScan {
  /** Runs a scan (or joins the one running); resolves with its scorecard. */
  run(): Promise<Scorecard>;
  /** The last scan's scorecard.html, if one has run. */
  html(): string | undefined;
}

async function scanOnce(): Promise<{ card: Scorecard; html: string }> {
  const rp = await startScanRp();
  for (const c of DEMO_MISTAKES) rp.vulnerable.add(c);
  const profile = mkdtempSync(join(tmpdir(), 'wa-demo-scan-'));
  const out = mkdtempSync(join(tmpdir(), 'wa-demo-card-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    // Chromium refuses to start as root without --no-sandbox; pass it then only.
    args: ['--headless=new', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...chromiumArgs()],
  });
  try {
    const controller = await attach(context);
    rp.trust(await controller.attestationRoot());
    const card = await scan<Page>({ target: context, controller, ...scanFlows(rp), outDir: out });
    await controller.close();
    return { card, html: readFileSync(join(out, 'scorecard.html'), 'utf8') };
  } finally {
    await context.close().catch(() => undefined);
    await rp.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

export function demoScan(): DemoScan {
  let last: string | undefined;
  let running: Promise<Scorecard> | undefined;
  return {
    run() {
      running ??= scanOnce()
        .then(({ card, html }) => {
          last = html;
          return card;
        })
        .finally(() => (running = undefined));
      return running;
    },
    html: () => last,
  };
}
