// Byte maps of the specification's test vectors: every byte belongs to exactly one field, the fields are where
// the structures put them, and bad bytes keep the fields read before them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byteMap, fieldAt, type ByteMap } from '../../src/webauthn/byteMap.js';
import { fromHex, toHex } from '../../src/webauthn/bytes.js';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { noneEs256, packedEs256, packedRs256, SPEC_VECTORS } from '../fixtures/spec-vectors.js';

/** The fields tile [0, covered) in order, none empty, none overlapping. */
function assertTiles(m: ByteMap): void {
  let at = 0;
  for (const f of m.fields) {
    assert.equal(f.start, at, `${m.what}: ${f.label} starts at ${f.start}, the previous field ended at ${at}`);
    assert.ok(f.end > f.start, `${f.label} is empty`);
    at = f.end;
  }
  assert.equal(at, m.bytes.length, `${m.what}: the fields cover all ${m.bytes.length} bytes`);
}

const field = (m: ByteMap, label: string) => {
  const f = m.fields.find((x) => x.label === label);
  assert.ok(f, `no field "${label}" among ${m.fields.map((x) => x.label).join(' | ')}`);
  return { hex: toHex(m.bytes.subarray(f.start, f.end)), start: f.start, end: f.end, kind: f.kind };
};

test('every vector: attestationObject, its authData, clientDataJSON and the assertion authenticatorData tile their bytes', () => {
  for (const v of Object.values(SPEC_VECTORS)) {
    if (!('registration' in v)) continue;
    const r = v.registration as { attestationObject: string; clientDataJSON: string };
    for (const [what, hex] of [
      ['attestationObject', r.attestationObject],
      ['clientDataJSON', r.clientDataJSON],
    ] as const) {
      const m = byteMap(what, fromHex(hex));
      assert.equal(m.error, undefined, `${v.id} ${what}: ${m.error?.what}`);
      assertTiles(m);
    }
    const a = (v as { authentication?: { authenticatorData?: string } }).authentication;
    if (a?.authenticatorData) {
      const m = byteMap('authenticatorData', fromHex(a.authenticatorData));
      assert.equal(m.error, undefined, `${v.id} authenticatorData: ${m.error?.what}`);
      assertTiles(m);
    }
  }
});

test('none-es256: the authData fields hold what the decoder reads, COSE members named', () => {
  const bytes = fromHex(noneEs256.registration.attestationObject);
  const m = byteMap('attestationObject', bytes);
  const ad = decodeAttestationObject(bytes);
  assert.ok(ad.ok);
  assert.ok(ad.value.authData.ok);
  const authData = ad.value.authData.value;
  assert.equal(field(m, 'attestationObject head (map of 3)').hex, 'a3');
  assert.equal(field(m, 'key fmt').kind, 'cbor-key');
  assert.equal(field(m, 'fmt').hex, toHex(new TextEncoder().encode('none')));
  assert.equal(field(m, 'authData › rpIdHash').hex, toHex(authData.rpIdHash));
  assert.equal(field(m, 'authData › signCount').hex, '00000000');
  assert.equal(field(m, 'authData › attestedCredentialData › aaguid').hex, noneEs256.registration.aaguid);
  assert.equal(field(m, 'authData › attestedCredentialData › credentialIdLength').hex, '0020');
  assert.equal(field(m, 'authData › attestedCredentialData › credentialId').hex, noneEs256.registration.credential_id);
  assert.equal(field(m, 'authData › attestedCredentialData › credentialPublicKey › 3 (alg)').hex, '26');
  assert.equal(field(m, 'authData › attestedCredentialData › credentialPublicKey › -1 (crv)').hex, '01');
  assert.equal(
    field(m, 'authData › attestedCredentialData › credentialPublicKey › -2 (x)').hex,
    'afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df61',
  );
  assert.equal(
    field(m, 'authData › attestedCredentialData › credentialPublicKey › -2 (x) head (bytes, 32 bytes)').hex,
    '5820',
  );
  // The flags byte of the vector is where the decoder reads it: byte 32 of authData.
  const flags = field(m, 'authData › flags');
  assert.equal(bytes[flags.start], authData.bytes[32]);
});

test('RS256: -1 and -2 are n and e; packed x5c members are certificates', () => {
  const m = byteMap('attestationObject', fromHex(packedRs256.registration.attestationObject));
  assert.equal(m.error, undefined);
  assert.equal(field(m, 'authData › attestedCredentialData › credentialPublicKey › -2 (e)').hex, '010001');
  const n = 'authData › attestedCredentialData › credentialPublicKey › -1 (n)';
  assert.equal(field(m, `${n} head (bytes, 436 bytes)`).hex, '5901b4');
  assert.equal(field(m, n).end - field(m, n).start, 436);
  const p = byteMap('attestationObject', fromHex(packedEs256.registration.attestationObject));
  assert.equal(field(p, 'attStmt › x5c [0]').kind, 'certificate');
  assert.equal(field(p, 'attStmt › sig').kind, 'statement');
});

test('clientDataJSON: each member a key and a value field, punctuation apart', () => {
  const bytes = fromHex(noneEs256.registration.clientDataJSON);
  const m = byteMap('clientDataJSON', bytes);
  const text = (label: string) => {
    const f = field(m, label);
    return new TextDecoder().decode(bytes.subarray(f.start, f.end));
  };
  assert.equal(text('key "type"'), '"type"');
  assert.equal(text('type'), '"webauthn.create"');
  assert.equal(text('origin'), '"https://example.org"');
  assert.equal(text('crossOrigin'), 'false');
  assert.equal(field(m, 'type').kind, 'json-value');
});

test('bad bytes: the fields before the error stay, the rest is one unread field, the error names its offset', () => {
  const good = fromHex(noneEs256.registration.attestationObject);
  const cut = good.subarray(0, 100);
  const m = byteMap('attestationObject', cut);
  assert.ok(m.error, 'a cut attestation object is an error');
  assertTiles(m);
  assert.equal(m.fields.at(-1)!.kind, 'unread');
  assert.ok(
    m.fields.some((f) => f.label === 'authData › rpIdHash'),
    'the fields before the cut are kept',
  );
  const short = byteMap('authenticatorData', new Uint8Array(20));
  assert.match(short.error!.what, /37 needed|ends after 20 bytes/);
  const json = byteMap('clientDataJSON', new TextEncoder().encode('{"type":"webauthn.get","challenge":'));
  assert.ok(json.error);
  assert.equal(json.fields.find((f) => f.label === 'type')?.kind, 'json-value');
});

test('random bytes never throw, and the fields always tile what they cover', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom('authenticatorData', 'attestationObject', 'clientDataJSON' as const),
      (b, what) => {
        const m = byteMap(what, b);
        assertTiles(m);
      },
    ),
    { numRuns: 2000 },
  );
});

test('fieldAt finds the field of any byte', () => {
  const m = byteMap('attestationObject', fromHex(packedEs256.registration.attestationObject));
  for (let i = 0; i < m.bytes.length; i++) {
    const f = m.fields[fieldAt(m, i)]!;
    assert.ok(f.start <= i && i < f.end);
  }
  assert.equal(fieldAt(m, m.bytes.length), -1);
});
