// The automation scenario (test/e2e/automation/scenario.ts) with Puppeteer driving Firefox ESR over
// WebDriver BiDi: launched with firefoxLaunchOptions(), the extension installed by attach() itself.
import { launchFirefoxForAutomation } from '../helpers/automationBrowsers.js';
import { scenarioTests } from './automation/scenario.js';

scenarioTests('Puppeteer + Firefox (BiDi)', async () => {
  const browser = await launchFirefoxForAutomation();
  return { target: browser, newPage: () => browser.newPage(), close: () => browser.close() };
});
