// Screenshots the test run regenerates into docs/screenshots/, where the README's user guide shows them:
// the pictures in the guide are always of the current build.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** Saves a page (Playwright or Puppeteer: anything with screenshot({ path })) as docs/screenshots/<name>.png. */
export async function saveScreenshot(
  page: { screenshot(o: { path: string }): Promise<unknown> },
  name: string,
): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
