// The automation scenario (test/e2e/automation/scenario.ts) with Puppeteer driving Chromium over CDP.
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from 'webauthn-devtools/automation';
import { scenarioTests } from './automation/scenario.js';

scenarioTests('Puppeteer + Chromium', async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Puppeteer turns extensions off by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--no-sandbox', ...chromiumArgs()],
  });
  return { target: browser, newPage: () => browser.newPage(), close: () => browser.close() };
});
