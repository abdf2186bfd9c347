// The panel as a page (devtools/panel.html?recording), fed by importing a recording of the spec's test vectors:
// what it lists and decodes, keyboard and filter, and that export -> import gives back every ceremony unchanged.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src/webauthn/record.js';
import { launchPanelBrowser, type PanelBrowser } from '../helpers/panelBrowser.js';
import { SPEC_CEREMONIES, specRecording } from '../fixtures/panelCeremonies.js';
import { PASTED } from '../fixtures/pastedInputs.js';
import {
  c1AttestationMap,
  differingFields,
  pastedCeremony,
  problemsOf,
  specCeremony,
} from '../fixtures/panelExpectations.js';

let browser: PanelBrowser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'panel-recording-'));

async function importFile(p: Page, recording: Recording, name = 'spec.json'): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(recording));
  await p.setInputFiles('input[data-import-file]', file);
}

const rowIds = (p: Page): Promise<string[]> =>
  p.$$eval('.list-body .row', (rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));

async function select(p: Page, id: string): Promise<void> {
  await p.click(`.list-body .row[data-id="${id}"]`);
  await p.waitForSelector(`.detail[data-detail="${id}"][data-decoded="true"]`);
}

/** The fields the comparison on screen marks as differing, in table order. */
const markedFields = () =>
  page.$$eval('.compare-table tr[data-differs="true"]', (rows) => rows.map((r) => (r as HTMLElement).dataset.field));

const rowCount = (p: Page, n: number) =>
  p.waitForFunction((n) => document.querySelectorAll('.list-body .row').length === n, n);

const sectionText = (p: Page, section: string): Promise<string> =>
  p.textContent(`.detail [data-section="${section}"]`).then((t) => t ?? '');
const fieldText = (p: Page, section: string, field: string): Promise<string> =>
  p.textContent(`.detail [data-section="${section}"] tr[data-field="${field}"] > td`).then((t) => t ?? '');

describe('panel page with an imported recording (Chromium)', () => {
  before(async () => {
    browser = await launchPanelBrowser();
    page = await browser.openPanel('?recording');
    await importFile(page, specRecording());
    await page.waitForSelector('.list-body .row[data-id="c6"]');
  });
  after(async () => browser?.close());

  it('lists every ceremony, oldest first, with kind, status, RP ID, user, origin and mode', async () => {
    assert.deepEqual(await rowIds(page), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    const cells = async (id: string) =>
      page.$$eval(`.list-body .row[data-id="${id}"] > span`, (s) => s.map((e) => e.textContent));
    assert.deepEqual(await cells('c1'), [
      'create',
      'ok',
      'example.org',
      'alice',
      'https://example.org',
      'browser',
      '120 ms',
    ]);
    assert.deepEqual(await cells('c2'), ['get', 'ok', 'example.org', '', 'https://example.org', 'browser', '121 ms']);
    const c5 = await cells('c5');
    assert.equal(c5[1], 'NotAllowedError');
    assert.match(c5[4] ?? '', /frame.*https:\/\/widget\.example\.net/, 'a cross-origin frame is marked');
    assert.deepEqual((await cells('c6')).slice(0, 2), ['isUserVerifyingPlatformAuthenticatorAvailable', 'ok']);
  });

  it('decodes a registration: options bytes three ways, client data checks, flags, AAGUID, public key', async () => {
    await select(page, 'c1');
    const challenge = await fieldText(page, 'options', 'challenge');
    assert.match(challenge, /AMMPt4UxxGTStncdq417YDwBFi8vpIa-pw8oOuVW4TA/);
    assert.match(challenge, /00c30fb78531c464d2b6771dab8d7b603c01162f2fa486bea70f283ae556e130/);
    const userId = await fieldText(page, 'options', 'user.id');
    assert.match(userId, /616c6963652d68616e646c65/, 'hex');
    assert.match(userId, /UTF-8alice-handle/, 'printable UTF-8');
    assert.match(await fieldText(page, 'options', 'pubKeyCredParams'), /-7\s*ES256.*-257\s*RS256/s);
    assert.match(await fieldText(page, 'options', 'resident key (effective)'), /required/);
    const checks = await page.$$eval('.detail [data-section="clientData"] .check', (l) =>
      l.map((e) => `${(e as HTMLElement).dataset.status} ${e.textContent}`),
    );
    assert.ok(
      checks.some((c) => c.startsWith('pass') && /challenge/i.test(c)),
      checks.join('\n'),
    );
    const flags = await page.$$eval('.detail [data-section="authenticatorData"] tr[data-flag]', (rows) =>
      Object.fromEntries(rows.map((r) => [(r as HTMLElement).dataset.flag, (r as HTMLElement).dataset.set])),
    );
    // none-es256's authenticator data flags byte is 0x59 = UP, BE, BS, AT.
    assert.deepEqual(flags, {
      UP: 'true',
      RFU1: 'false',
      UV: 'false',
      BE: 'true',
      BS: 'true',
      RFU2: 'false',
      AT: 'true',
      ED: 'false',
    });
    assert.match(
      await fieldText(page, 'authenticatorData', 'rpIdHash'),
      /bfabc37432958b063360d3ad6461c9c4735ae7f8edd46592a5e0f01452b2e4b5.*✓/,
    );
    assert.match(await fieldText(page, 'authenticatorData', 'aaguid'), /8446ccb9-ab1d-b374-750b-2367ff6f3a1f/);
    const key = await fieldText(page, 'authenticatorData', 'credentialPublicKey');
    assert.match(key, /"kty":"EC","crv":"P-256"/);
    assert.match(key, /-----BEGIN PUBLIC KEY-----/);
    assert.match(await sectionText(page, 'attestation'), /none/);
  });

  it('verifies an assertion with the key registered earlier in the log and decodes userHandle', async () => {
    await select(page, 'c2');
    const verdict = await fieldText(page, 'assertion', 'verification');
    assert.match(verdict, /signature verified with the key from the registration in this log/);
    assert.match(await fieldText(page, 'assertion', 'userHandle'), /alice-handle/);
    assert.match(await fieldText(page, 'options', 'allowCredentials'), /transports: usb/);
  });

  it('verifies a packed attestation signature and shows its certificate chain', async () => {
    await select(page, 'c3');
    const att = await sectionText(page, 'attestation');
    assert.match(att, /packed/);
    assert.match(att, /signature verified/);
    assert.ok((await page.$$('.detail [data-section="attestation"] .cert')).length >= 1, 'certificate shown');
    await select(page, 'c4');
    assert.match(await fieldText(page, 'assertion', 'verification'), /signature verified/);
  });

  it('shows an error with its name and message, and a static call with its result', async () => {
    await select(page, 'c5');
    assert.match(await sectionText(page, 'error'), /NotAllowedError.*timed out or was not allowed/s);
    await select(page, 'c6');
    assert.match(await fieldText(page, 'staticCall', 'result'), /false/);
    assert.match((await page.textContent('.detail [data-section="raw"]')) ?? '', /Raw/);
  });

  it('filters by text, kind and status, and moves the selection with the keyboard', async () => {
    await page.fill('input.filter', 'widget');
    await page.waitForFunction(() => document.querySelectorAll('.list-body .row').length === 1);
    assert.deepEqual(await rowIds(page), ['c5']);
    await page.fill('input.filter', '');
    await page.click('.toolbar [aria-label="Kind"] [data-toggle="create"]');
    await page.click('.toolbar [aria-label="Kind"] [data-toggle="other"]');
    await page.waitForFunction(() => document.querySelectorAll('.list-body .row').length === 2);
    assert.deepEqual(await rowIds(page), ['c2', 'c4']);
    await page.click('.toolbar [aria-label="Kind"] [data-toggle="create"]');
    await page.click('.toolbar [aria-label="Kind"] [data-toggle="other"]');
    await page.click('.toolbar [aria-label="Status"] [data-toggle="ok"]');
    await page.waitForFunction(() => document.querySelectorAll('.list-body .row').length === 1);
    assert.deepEqual(await rowIds(page), ['c5']);
    await page.click('.toolbar [aria-label="Status"] [data-toggle="ok"]');
    await page.waitForFunction(() => document.querySelectorAll('.list-body .row').length === 6);

    await select(page, 'c3');
    await page.focus('.list-body');
    const selected = () => page.getAttribute('.list-body .row.selected', 'data-id');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selected(), 'c4');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selected(), 'c2');
    await page.keyboard.press('End');
    assert.equal(await selected(), 'c6');
    await page.keyboard.press('Home');
    assert.equal(await selected(), 'c1');
  });

  it('exports the log and the selection, and importing the file back loses nothing', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Recording;
    assert.deepEqual(exported.ceremonies, SPEC_CEREMONIES);

    await select(page, 'c2');
    const [one] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-selection"]')]);
    const selection = JSON.parse(readFileSync((await one.path())!, 'utf8')) as Recording;
    assert.deepEqual(selection.ceremonies, [SPEC_CEREMONIES[1]]);

    // A fresh page imports the exported file and exports it again: the same ceremonies, byte for byte as JSON.
    const second = await browser.openPanel('?recording');
    await importFile(second, exported, 'exported.json');
    await second.waitForSelector('.list-body .row[data-id="c6"]');
    const [again] = await Promise.all([second.waitForEvent('download'), second.click('[data-action="export"]')]);
    const reexported = JSON.parse(readFileSync((await again.path())!, 'utf8')) as Recording;
    assert.equal(JSON.stringify(reexported.ceremonies), JSON.stringify(exported.ceremonies));
    await select(second, 'c2');
    assert.match(await fieldText(second, 'assertion', 'verification'), /signature verified/);
    await second.close();
  });

  it('imports a recording pasted as text or dropped as a file', async () => {
    const text = JSON.stringify(specRecording(SPEC_CEREMONIES.slice(0, 2)));
    const pasted = await browser.openPanel('?recording');
    assert.match((await pasted.textContent('.list-body .empty')) ?? '', /Import one/);
    await pasted.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, text);
    await rowCount(pasted, 2);
    assert.deepEqual(await rowIds(pasted), ['c1', 'c2']);
    await pasted.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      const target = document.querySelector('.import-target')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(specRecording()));
    await rowCount(pasted, 6);
    await pasted.close();
  });

  it('compares two ceremonies side by side and marks exactly the fields that differ', async () => {
    await select(page, 'c1');
    await page.click('[data-action="compare"]');
    await page.getByText('Select another call to compare with this one.').waitFor();
    await page.click('.list-body .row[data-id="c3"]');
    await page.waitForSelector('.compare[data-compare="c1 c3"]');
    const marked = await markedFields();
    assert.deepEqual(marked, differingFields(specCeremony('c1'), specCeremony('c3')));
    assert.ok(marked.includes('attestation format') && !marked.includes('RP ID'), marked.join(', '));
    assert.match(
      await page.textContent('.compare-table tr[data-field="attestation format"]').then(String),
      /none.*packed/,
    );
    await page.emulateMedia({ colorScheme: 'light' });
    await browser.screenshot(page, 'panel-compare');
    await page.emulateMedia({ colorScheme: 'dark' });
    await browser.screenshot(page, 'panel-compare-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.click('[data-action="stop-compare"]');
    await page.waitForSelector('.detail[data-detail="c3"][data-decoded="true"]');
  });

  it('the Decode view decodes what is pasted: a ceremony, a structure, and says why it cannot', async () => {
    await page.click('[data-action="decode"]');
    const box = page.getByLabel('WebAuthn data to decode');
    await box.fill(PASTED.ceremony);
    await page.waitForSelector('.decode-view .detail[data-decoded="true"]');
    assert.match(await page.textContent('.recognised').then(String), /creation options and a create\(\) response/);
    const att = await page.textContent('.decode-view [data-section="attestation"]').then(String);
    assert.match(att, /packed/);
    assert.match(att, /signature verified/);
    assert.match(await page.textContent('.decode-view [data-section="options"]').then(String), /bob/);
    // Given the RP's origin, the response is checked against it; an origin that is not one is said to be so.
    const originCheck = () =>
      page.getAttribute('.decode-view [data-section="clientData"] [data-check="clientData.origin"]', 'data-status');
    assert.equal(await originCheck(), 'pass');
    await page.getByLabel('Expected origin').fill('https://login.example.net/sign-in');
    await page.waitForSelector('.decode-view [data-check="clientData.origin"][data-status="fail"]');
    assert.match(
      await page.textContent('.decode-view [data-check="clientData.origin"]').then(String),
      /expected "https:\/\/login\.example\.net", got "https:\/\/example\.org"/,
    );
    assert.match(await page.textContent('.recognised').then(String), /Checked against https:\/\/login\.example\.net/);
    await page.getByLabel('Expected origin').fill('example.org');
    assert.match(await page.textContent('.decode-side .decode-error').then(String), /not a URL such as/);
    await page.getByLabel('Expected origin').fill('');
    await page.waitForSelector('.decode-view [data-check="clientData.origin"][data-status="pass"]');
    await page.emulateMedia({ colorScheme: 'light' });
    await browser.screenshot(page, 'panel-decode');
    await page.emulateMedia({ colorScheme: 'dark' });
    await browser.screenshot(page, 'panel-decode-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await box.fill(PASTED.attestationHex);
    const ao = await page.textContent('[data-structure="attestationObject"]').then(String);
    assert.match(await page.textContent('.recognised').then(String), /attestationObject \(hex, \d+ bytes\)/);
    assert.match(ao, /"fmt": "packed"/);
    assert.match(ao, /CBOR \(diagnostic notation\)/);

    await box.fill(PASTED.truncatedHex);
    assert.match(await page.textContent('.decode-view [role="alert"]').then(String), /does not decode: .* at byte \d+/);
    // What decoded before the cut stays: the byte map reads the statement up to the certificate it cuts.
    const fields = await page.$$eval('.decode-view .bm-fields li', (l) => l.map((e) => e.textContent ?? ''));
    assert.ok(
      fields.some((f) => f.includes('attStmt › sig ')),
      fields.join(' | '),
    );
    assert.match(fields.at(-1)!, /unread 108–149/);
    await box.fill(PASTED.garbage);
    assert.match(
      await page.textContent('.decode-view [role="alert"]').then(String),
      /Cannot decode: text that is none of JSON, PEM, hex, base64url or base64/,
    );
    await page.click('[data-action="close-decode"]');
    await page.waitForSelector('.list-body .row');
  });

  it('lists exactly the problems the rules find, with their severities', async () => {
    await select(page, 'c5');
    const shown = await page.$$eval('.detail [data-rule]', (l) =>
      l.map((e) => `${(e as HTMLElement).dataset.rule}:${(e as HTMLElement).dataset.severity}`),
    );
    const found = problemsOf('c5');
    assert.ok(found.length >= 3, found.join(', '));
    assert.deepEqual([...shown].sort(), found);
  });

  it('the byte map: hovering a field lights exactly its bytes, hovering a byte lights its field', async () => {
    await select(page, 'c1');
    await page.click('.detail [data-section="bytes"] .disclosure');
    await page.click('.bm-parts [data-part="attestationObject"]');
    await page.waitForSelector('[data-byte-map="attestationObject"]');
    const map = c1AttestationMap();
    /** The lit hex cells: each a run of one field's bytes in a row, [first byte, count, hex]. */
    const litCells = () =>
      page.$$eval('.bm-hexcells span.hl', (l) =>
        l.map((e) => {
          const d = (e as HTMLElement).dataset;
          return [Number(d.b), Number(d.n), (e.textContent ?? '').replace(/\s+/g, '')] as const;
        }),
      );
    const lit = async () =>
      (await litCells()).flatMap(([b, n, hex]) =>
        Array.from({ length: n }, (_, k) => [b + k, hex.slice(2 * k, 2 * k + 2)] as const),
      );
    for (const label of [
      'authData › rpIdHash',
      'authData › flags',
      'authData › attestedCredentialData › aaguid',
      'authData › attestedCredentialData › credentialPublicKey › -2 (x)',
    ]) {
      const i = map.fields.findIndex((f) => f.label === label);
      const f = map.fields[i]!;
      await page.hover(`.bm-fields li[data-f="${i}"]`);
      const bytes = await lit();
      assert.deepEqual(
        bytes.map(([b]) => b),
        Array.from({ length: f.end - f.start }, (_, k) => f.start + k),
        `${label}: its bytes and no others`,
      );
      assert.equal(bytes.map(([, h]) => h).join(''), Buffer.from(map.bytes.subarray(f.start, f.end)).toString('hex'));
    }
    const id = map.fields.find((f) => f.label === 'authData › attestedCredentialData › credentialId')!;
    // The cell that holds the credential id's fourth byte.
    const cell = await page.$$eval(
      '.bm-hexcells span[data-b]',
      (l, at) =>
        l
          .map((e) => [Number((e as HTMLElement).dataset.b), Number((e as HTMLElement).dataset.n)])
          .find(([b, n]) => b! <= at && at < b! + n!)![0],
      id.start + 3,
    );
    await page.hover(`.bm-hexcells span[data-b="${cell}"]`);
    assert.deepEqual(await page.$$eval('.bm-fields li.hl', (l) => l.map((e) => e.textContent?.trim() ?? '')), [
      `authData › attestedCredentialData › credentialId ${id.start}–${id.end - 1} (${id.end - id.start} bytes)`,
    ]);
    assert.equal((await lit()).length, id.end - id.start, 'and every byte of that field');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await browser.screenshot(page, scheme === 'light' ? 'panel-bytes' : 'panel-bytes-dark');
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.click('.bm-parts [data-part="clientDataJSON"]');
    await page.waitForSelector('[data-byte-map="clientDataJSON"] .bm-fields li');
    assert.match(await page.textContent('[data-byte-map="clientDataJSON"] .bm-fields').then(String), /key "challenge"/);
  });

  it('compares a pasted ceremony with one of the log', async () => {
    await page.click('[data-action="decode"]');
    await page.getByLabel('WebAuthn data to decode').fill(PASTED.ceremony);
    await page.waitForSelector('.decode-view .detail[data-decoded="true"]');
    await page.click('.decode-view [data-action="compare"]');
    await page.getByText('Select another call to compare with this one.').waitFor();
    await page.click('.list-body .row[data-id="c1"]');
    await page.waitForSelector('.compare[data-compare="pasted c1"]');
    const marked = await markedFields();
    assert.deepEqual(marked, differingFields(pastedCeremony(), specCeremony('c1')));
    assert.ok(marked.includes('attestation format'), marked.join(', '));
    await page.click('[data-action="stop-compare"]');
  });

  it('shows decode errors next to the raw bytes instead of failing', async () => {
    const good = SPEC_CEREMONIES[0]!;
    const response = good.response as unknown as { response: Record<string, unknown> } & Record<string, unknown>;
    const broken = {
      ...good,
      id: 'broken',
      options: { ...(good.options as object), challenge: '***not base64url***' },
      response: { ...response, response: { ...response.response, attestationObject: 'oWNmbXQ' } },
    } as typeof good;
    const p = await browser.openPanel('?recording');
    await importFile(p, specRecording([broken]), 'broken.json');
    await p.waitForSelector('.list-body .row[data-id="broken"]');
    await select(p, 'broken');
    const errors = await p.$$eval('.detail .decode-error', (l) => l.map((e) => e.textContent ?? ''));
    assert.ok(errors.length >= 1, 'a decode error is shown');
    assert.ok(await p.$('.detail [data-section="raw"]'), 'the raw record is still there');
    await p.click('.detail [data-section="raw"] .disclosure');
    assert.match((await p.textContent('.detail [data-section="raw"] pre')) ?? '', /oWNmbXQ/);
    await p.close();
  });

  it('rejects a file that is not a recording and keeps the log', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    await page.setInputFiles('input[data-import-file]', file);
    await page.waitForSelector('.notice');
    assert.match((await page.textContent('.notice')) ?? '', /Import failed/);
    assert.equal((await rowIds(page)).length, 6);
  });

  it('saves screenshots of list and detail, light and dark, wide and at 400 px', async () => {
    await select(page, 'c3');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      await page.setViewportSize({ width: 1200, height: 800 });
      await browser.screenshot(page, `panel-recording-${scheme}`);
      await page.setViewportSize({ width: 400, height: 800 });
      // Narrow: the detail sits below the list.
      const [list, detail] = await Promise.all([page.$('.list'), page.$('.detail')]);
      const lb = await list!.boundingBox();
      const db = await detail!.boundingBox();
      assert.ok(db!.y >= lb!.y + lb!.height - 1, 'detail below the list at 400 px');
      await browser.screenshot(page, `panel-recording-${scheme}-400px`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
