// The panel page in Firefox ESR (moz-extension://…/devtools/panel.html?recording): an imported recording of the
// spec's test vectors lists, decodes and verifies as in Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../helpers/firefox.js';
import { specRecording } from '../fixtures/panelCeremonies.js';
import { PASTED } from '../fixtures/pastedInputs.js';

let ff: FirefoxSession;
let page: Page;

const text = (selector: string): Promise<string> => page.$eval(selector, (e) => e.textContent ?? '');

async function select(id: string): Promise<void> {
  await page.$eval(`.list-body .row[data-id="${id}"]`, (e) =>
    e.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })),
  );
  await page.waitForSelector(`.detail[data-detail="${id}"][data-decoded="true"]`);
}

describe('panel page in Firefox', () => {
  before(async () => {
    ff = await launchFirefox();
    page = await ff.openExtensionPage('devtools/panel.html?recording');
    await page.waitForSelector('.toolbar');
    const file = join(mkdtempSync(join(tmpdir(), 'panel-ff-')), 'spec.json');
    writeFileSync(file, JSON.stringify(specRecording()));
    const input = (await page.waitForSelector('input[data-import-file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.waitForSelector('.list-body .row[data-id="c6"]');
  });
  after(async () => ff?.close());

  it('lists the recording', async () => {
    const kinds = await page.$$eval('.list-body .row .kind', (l) => l.map((e) => e.textContent));
    assert.deepEqual(kinds, [
      'create',
      'get',
      'create',
      'get',
      'create',
      'isUserVerifyingPlatformAuthenticatorAvailable',
    ]);
  });

  it('decodes a registration and verifies the assertion and a packed attestation', async () => {
    await select('c1');
    assert.match(
      await text('.detail [data-section="authenticatorData"] tr[data-field="aaguid"] > td'),
      /8446ccb9-ab1d-b374-750b-2367ff6f3a1f/,
    );
    await select('c2');
    assert.match(
      await text('.detail [data-section="assertion"] tr[data-field="verification"] > td'),
      /signature verified with the key from the registration in this log/,
    );
    await select('c3');
    assert.match(await text('.detail [data-section="attestation"]'), /signature verified/);
  });

  it('the Decode view decodes a pasted ceremony and a pasted attestation object', async () => {
    await page.click('[data-action="decode"]');
    const box = (await page.waitForSelector('textarea[aria-label="WebAuthn data to decode"]'))!;
    const fill = async (value: string) => {
      await box.evaluate((el, v) => {
        const t = el as HTMLTextAreaElement;
        t.value = v;
        t.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
    };
    await fill(PASTED.ceremony);
    await page.waitForSelector('.decode-view .detail[data-decoded="true"]');
    assert.match(await text('.decode-view [data-section="attestation"]'), /signature verified/);
    await fill(PASTED.attestationHex);
    await page.waitForSelector('[data-structure="attestationObject"]');
    assert.match(await text('[data-structure="attestationObject"]'), /"fmt": "packed"/);
    await fill(PASTED.garbage);
    await page.waitForSelector('.decode-view [role="alert"]');
    assert.match(await text('.decode-view [role="alert"]'), /Cannot decode/);
    await page.click('[data-action="close-decode"]');
  });
});
