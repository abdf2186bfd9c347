// dist/firefox installs in Firefox ESR and its pages and background run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox, type FirefoxSession } from '../helpers/firefox.js';

let ff: FirefoxSession;
before(async () => {
  ff = await launchFirefox();
});
after(async () => {
  await ff?.close();
});

test('the add-on installs and its popup page runs with extension APIs', async () => {
  const page = await ff.openExtensionPage('popup/popup.html');
  const info = await page.evaluate(async () => ({
    id: chrome.runtime.id,
    manifestVersion: chrome.runtime.getManifest().manifest_version,
    hasSession: typeof chrome.storage.session?.get === 'function',
  }));
  assert.equal(info.id, ff.extensionId);
  assert.equal(info.manifestVersion, 3);
  assert.equal(info.hasSession, true);
  await page.close();
});
