// The panel page in Firefox ESR (moz-extension://…/devtools/panel.html?recording): an imported recording of the
// spec's test vectors lists, decodes and verifies as in Chromium; its problems, byte map, comparisons and the
// Decode view behave as they do there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefox, pasteIntoDecodeBox, type FirefoxSession } from '../helpers/firefox.js';
import { specRecording } from '../fixtures/panelCeremonies.js';
import {
  c1AttestationMap,
  differingFields,
  pastedCeremony,
  problemsOf,
  specCeremony,
} from '../fixtures/panelExpectations.js';
import { PASTED } from '../fixtures/pastedInputs.js';

let ff: FirefoxSession;
let page: Page;

const text = (selector: string): Promise<string> => page.$eval(selector, (e) => e.textContent ?? '');

/** Selects a row without waiting for its detail (a comparison shows instead). */
const select2 = (id: string): Promise<void> =>
  page.$eval(`.list-body .row[data-id="${id}"]`, (e) => {
    e.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });

const fillDecode = (value: string): Promise<void> => pasteIntoDecodeBox(page, value);

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
    await fillDecode(PASTED.ceremony);
    await page.waitForSelector('.decode-view .detail[data-decoded="true"]');
    assert.match(await text('.decode-view [data-section="attestation"]'), /signature verified/);
    await fillDecode(PASTED.attestationHex);
    await page.waitForSelector('[data-structure="attestationObject"]');
    assert.match(await text('[data-structure="attestationObject"]'), /"fmt": "packed"/);
    await fillDecode(PASTED.garbage);
    await page.waitForSelector('.decode-view [role="alert"]');
    assert.match(await text('.decode-view [role="alert"]'), /Cannot decode/);
    await page.click('[data-action="close-decode"]');
  });

  it('lists exactly the problems the rules find, with their severities', async () => {
    await select('c5');
    const shown = await page.$$eval('.detail [data-rule]', (l) =>
      l.map((e) => `${(e as HTMLElement).dataset.rule}:${(e as HTMLElement).dataset.severity}`),
    );
    const found = problemsOf('c5');
    assert.ok(found.length >= 3, found.join(', '));
    assert.deepEqual([...shown].sort(), found);
  });

  it('the byte map in Firefox: hovering a field lights exactly its bytes, hovering a byte lights its field', async () => {
    await select('c1');
    await page.click('.detail [data-section="bytes"] .disclosure');
    await page.click('.bm-parts [data-part="attestationObject"]');
    await page.waitForSelector('[data-byte-map="attestationObject"]');
    const map = c1AttestationMap();
    const litHex = () =>
      page.$$eval('.bm-hexcells span.hl', (l) =>
        l.map((e) => [Number((e as HTMLElement).dataset.b), (e.textContent ?? '').replace(/\s+/g, '')] as const),
      );
    const aaguid = map.fields.findIndex((f) => f.label === 'authData › attestedCredentialData › aaguid');
    await page.hover(`.bm-fields li[data-f="${aaguid}"]`);
    const lit = await litHex();
    assert.equal(lit[0]![0], map.fields[aaguid]!.start);
    assert.equal(lit.map(([, h]) => h).join(''), '8446ccb9ab1db374750b2367ff6f3a1f');
    const flags = map.fields.findIndex((f) => f.label === 'authData › flags');
    await page.hover(`.bm-hexcells span[data-f="${flags}"]`);
    assert.deepEqual(await page.$$eval('.bm-fields li.hl', (l) => l.map((e) => (e as HTMLElement).dataset.f)), [
      String(flags),
    ]);
    await page.click('.detail [data-section="bytes"] .disclosure');
  });

  it('compares two ceremonies of the log, and a pasted one with one of the log, marking exactly what differs', async () => {
    const marked = () =>
      page.$$eval('.compare-table tr[data-differs="true"]', (rows) =>
        rows.map((r) => (r as HTMLElement).dataset.field),
      );
    await select('c1');
    await page.click('[data-action="compare"]');
    await select2('c3');
    await page.waitForSelector('.compare[data-compare="c1 c3"]');
    assert.deepEqual(await marked(), differingFields(specCeremony('c1'), specCeremony('c3')));
    await page.click('[data-action="stop-compare"]');

    await page.click('[data-action="decode"]');
    await fillDecode(PASTED.ceremony);
    await page.waitForSelector('.decode-view .detail[data-decoded="true"]');
    await page.click('.decode-view [data-action="compare"]');
    await select2('c1');
    await page.waitForSelector('.compare[data-compare="pasted c1"]');
    assert.deepEqual(await marked(), differingFields(pastedCeremony(), specCeremony('c1')));
    await page.click('[data-action="stop-compare"]');
  });

  it('a cut attestation object says where it stops, and the fields before the cut stay on screen', async () => {
    await page.click('[data-action="decode"]');
    await fillDecode(PASTED.truncatedHex);
    await page.waitForSelector('.decode-view [role="alert"]');
    assert.match(await text('.decode-view [role="alert"]'), /does not decode: .* at byte \d+/);
    const fields = await page.$$eval('.decode-view .bm-fields li', (l) => l.map((e) => e.textContent ?? ''));
    // The packed statement comes before authData: its signature is read, the certificate is where the cut is.
    assert.ok(
      fields.some((f) => f.includes('attStmt › sig ')),
      fields.join(' | '),
    );
    assert.match(fields.at(-1)!, /unread 108–149/);
    assert.match(await text('.decode-view .byte-map [role="alert"]'), /could not be read/);
    await page.click('[data-action="close-decode"]');
  });
});
