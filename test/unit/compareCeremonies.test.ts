// Comparing two ceremonies: exactly the fields that differ are marked, for a sign-up against itself with
// known changes, and for the spec's two registrations (none and packed attestation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCeremonies } from '../../src/webauthn/compareCeremonies.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { SPEC_CEREMONIES } from '../fixtures/panelCeremonies.js';

const byId = (id: string) => SPEC_CEREMONIES.find((c) => c.id === id)!;
const differing = (a: CeremonyRecord, b: CeremonyRecord) =>
  compareCeremonies(a, b)!
    .filter((f) => f.differs)
    .map((f) => f.field);

test('a ceremony against itself differs nowhere; each change marks its field and no other', () => {
  const c1 = byId('c1');
  assert.deepEqual(differing(c1, c1), []);
  const changed: CeremonyRecord = {
    ...c1,
    options: {
      ...(c1.options as object),
      timeout: 1234,
      authenticatorSelection: {
        ...((c1.options as { authenticatorSelection?: object }).authenticatorSelection ?? {}),
        userVerification: 'discouraged',
      },
    },
    origin: 'https://other.example.org',
  };
  assert.deepEqual(differing(c1, changed), ['origin', 'timeout', 'userVerification']);
});

test("the spec's none and packed registrations differ in what those vectors differ in", () => {
  const rows = compareCeremonies(byId('c1'), byId('c3'))!;
  const fmt = rows.find((r) => r.field === 'attestation format')!;
  assert.deepEqual([fmt.a, fmt.b, fmt.differs], ['none', 'packed', true]);
  for (const same of ['kind', 'RP ID', 'client data type', 'UP'].map((f) => f.replace('client data type', 'type')))
    assert.equal(rows.find((r) => r.field === same)!.differs, false, same);
  assert.ok(rows.find((r) => r.field === 'credential id')!.differs);
});

test('a static call or a malformed record compares to nothing, and never throws', () => {
  assert.equal(compareCeremonies(byId('c6'), byId('c1')), undefined);
  assert.doesNotThrow(() =>
    compareCeremonies(
      { ...byId('c1'), options: 5 } as unknown as CeremonyRecord,
      { ...byId('c2'), response: {} } as never,
    ),
  );
});
