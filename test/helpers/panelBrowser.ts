// The panel tests' browser: the shared Chromium helper, plus opening the panel page (as an extension page)
// and saving screenshots into docs/screenshots (the README's guide shows them).
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './chromium.js';
import { saveScreenshot } from './screenshots.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface PanelBrowser extends ChromiumSession {
  /** Opens devtools/panel.html with the given query ("?recording", "?tab=3") at the given size. */
  openPanel(query: string, size?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
}

export async function launchPanelBrowser(): Promise<PanelBrowser> {
  const session = await launchChromium();
  return {
    ...session,
    async openPanel(query, size = { width: 1200, height: 800 }) {
      const page = await session.context.newPage();
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${session.extensionId}/devtools/panel.html${query}`);
      await page.waitForSelector('.toolbar');
      return page;
    },
    screenshot: (page, name) => saveScreenshot(page, name),
  };
}
