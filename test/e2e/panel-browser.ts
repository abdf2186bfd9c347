// Chromium with the built extension, for the panel tests: opens the panel page (as an extension page) and
// saves screenshots where a reviewer finds them.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROME_DIST = join(ROOT, 'dist', 'chrome');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

export interface PanelBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Opens devtools/panel.html with the given query ("?recording", "?tab=3") at the given width. */
  openPanel(query: string, size?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchPanelBrowser(): Promise<PanelBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'panel-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    acceptDownloads: true,
    args: ['--headless=new', `--disable-extensions-except=${CHROME_DIST}`, `--load-extension=${CHROME_DIST}`, '--no-sandbox',
      '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openPanel(query, size = { width: 1200, height: 800 }) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${extensionId}/devtools/panel.html${query}`);
      await page.waitForSelector('.toolbar');
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
