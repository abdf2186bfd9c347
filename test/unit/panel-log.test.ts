// The panel's pure parts: folding log events into its list, the row text taken from a record, and the filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLogEvent, emptyLog } from '../../devtools/panel/logStore.js';
import { rowSummary, formatDuration } from '../../devtools/panel/rowSummary.js';
import { allPass, applyFilter, toggle } from '../../devtools/panel/filter.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { SPEC_CEREMONIES } from '../fixtures/panelCeremonies.js';

const [c1, c2, c3, , c5, c6] = SPEC_CEREMONIES as [
  CeremonyRecord,
  CeremonyRecord,
  CeremonyRecord,
  CeremonyRecord,
  CeremonyRecord,
  CeremonyRecord,
];

test('upsert appends a new ceremony and replaces one with the same id in place', () => {
  let s = applyLogEvent(emptyLog, { type: 'snapshot', ceremonies: [c1], preserveLog: false });
  s = applyLogEvent(s, { type: 'upsert', ceremony: { ...c2, status: 'pending' } });
  s = applyLogEvent(s, { type: 'upsert', ceremony: c3 });
  s = applyLogEvent(s, { type: 'upsert', ceremony: c2 });
  assert.deepEqual(
    s.ceremonies.map((c) => [c.id, c.status]),
    [
      ['c1', 'ok'],
      ['c2', 'ok'],
      ['c3', 'ok'],
    ],
  );
});

test('navigation empties the list unless preserve log is on; cleared always does', () => {
  const s = applyLogEvent(emptyLog, { type: 'snapshot', ceremonies: [c1, c2], preserveLog: false });
  assert.equal(applyLogEvent(s, { type: 'navigated', url: 'https://example.org/' }).ceremonies.length, 0);
  const kept = applyLogEvent(s, { type: 'preserve-log', enabled: true });
  assert.equal(applyLogEvent(kept, { type: 'navigated', url: 'https://example.org/' }).ceremonies.length, 2);
  assert.equal(applyLogEvent(kept, { type: 'cleared' }).ceremonies.length, 0);
});

test('row text: RP ID as given or the caller host, user name, error name, cross-origin, duration', () => {
  assert.deepEqual(
    (({ kind, statusLabel, rpId, userName, crossOrigin, mode }) => ({
      kind,
      statusLabel,
      rpId,
      userName,
      crossOrigin,
      mode,
    }))(rowSummary(c5)),
    {
      kind: 'create',
      statusLabel: 'NotAllowedError',
      rpId: 'widget.example.net',
      userName: 'carol',
      crossOrigin: true,
      mode: 'browser',
    },
  );
  const noRpId = { ...c2, id: 'x', options: { challenge: 'AAAA' } } as CeremonyRecord;
  assert.equal(rowSummary(noRpId).rpId, 'example.org', 'get() without rpId uses the origin host');
  assert.equal(rowSummary(c6).kind, 'other');
  assert.equal(rowSummary({ ...c1, id: 'p', status: 'pending', endTime: undefined }).duration, undefined);
  assert.equal(formatDuration(undefined), '…');
  assert.equal(formatDuration(1234), '1.23 s');
});

test('filter: every word must match, and kind and status toggles narrow the rows', () => {
  assert.deepEqual(applyFilter(SPEC_CEREMONIES, allPass), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(applyFilter(SPEC_CEREMONIES, { ...allPass, text: 'widget notallowed' }), [4]);
  assert.deepEqual(applyFilter(SPEC_CEREMONIES, { ...allPass, text: 'widget alice' }), []);
  assert.deepEqual(applyFilter(SPEC_CEREMONIES, { ...allPass, kinds: toggle(allPass.kinds, 'create') }), [1, 3, 5]);
  assert.deepEqual(applyFilter(SPEC_CEREMONIES, { ...allPass, statuses: new Set(['error'] as const) }), [4]);
});
