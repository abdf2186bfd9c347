// The set-up the mock's e2e files share: the test RP, one Chromium with the extension (the mock switched on
// from its popup unless asked not to), and a page on the RP whose demo client signs up and signs in.
import type { Page } from 'playwright-core';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { launchChromium, type ChromiumSession } from './chromium.js';

/** What the demo client (test/server/client.js) returns for a ceremony. */
export type Outcome = { ok: boolean; json?: unknown; errorName?: string; verification?: { verified: boolean } };

export interface MockSession {
  rp: RpServer;
  browser: ChromiumSession;
  page: Page;
  /** Signs `user` up on the demo RP from `on` (the session's page unless given). */
  register(user: string, on?: Page): Promise<Outcome>;
  login(user: string, on?: Page): Promise<Outcome>;
  close(): Promise<void>;
}

export interface MockSessionOptions {
  /** A Chromium profile folder to keep (for restart tests). */
  userDataDir?: string;
  /** Leave the mock off. */
  mockOff?: boolean;
  /** Runs in the page before its scripts. */
  initScript?: () => void;
  /** The RP page to open. */
  path?: string;
  /** More Chromium flags, which may name the RP's ports. */
  chromiumArgs?: (rp: RpServer) => string[];
}

type Demo = { webauthnTest: { register(u: string): Promise<Outcome>; login(u: string): Promise<Outcome> } };

export async function startMockSession(o: MockSessionOptions = {}): Promise<MockSession> {
  const rp = await startRpServer();
  const browser = await launchChromium({
    ...(o.userDataDir ? { userDataDir: o.userDataDir } : {}),
    ...(o.chromiumArgs ? { args: o.chromiumArgs(rp) } : {}),
  });
  if (!o.mockOff) await browser.setMockEverywhere(true);
  const page = await browser.context.newPage();
  if (o.initScript) await page.addInitScript(o.initScript);
  await page.goto(`${rp.url}${o.path ?? '/'}`);
  // tsx names functions with __name; pages evaluated into need it defined.
  await page.evaluate('globalThis.__name = (f) => f');
  const s: MockSession = {
    rp,
    browser,
    page,
    register: (user, on = s.page) => on.evaluate((u) => (window as unknown as Demo).webauthnTest.register(u), user),
    login: (user, on = s.page) => on.evaluate((u) => (window as unknown as Demo).webauthnTest.login(u), user),
    async close() {
      await s.browser?.close();
      await rp.close();
    },
  };
  return s;
}
