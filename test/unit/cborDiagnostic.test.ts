// CBOR diagnostic notation: RFC 8949 Appendix A's examples, a real attestation object, and bad input that
// names its byte and never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cborDiagnostic } from '../../src/webauthn/cborDiagnostic.js';
import { fromHex } from '../../src/webauthn/bytes.js';
import { packedEs256 } from '../fixtures/spec-vectors.js';

// RFC 8949, Appendix A (encoded hex → diagnostic notation).
const APPENDIX_A: Array<[string, string]> = [
  ['00', '0'],
  ['17', '23'],
  ['1818', '24'],
  ['1903e8', '1000'],
  ['1b000000e8d4a51000', '1000000000000'],
  ['1bffffffffffffffff', '18446744073709551615'],
  ['3bffffffffffffffff', '-18446744073709551616'],
  ['20', '-1'],
  ['3863', '-100'],
  ['f90000', '0.0'],
  ['f98000', '-0.0'],
  ['f93c00', '1.0'],
  ['fb3ff199999999999a', '1.1'],
  ['f93e00', '1.5'],
  ['f97bff', '65504.0'],
  ['fa47c35000', '100000.0'],
  ['f90001', '5.960464477539063e-8'],
  ['f97c00', 'Infinity'],
  ['f97e00', 'NaN'],
  ['f9fc00', '-Infinity'],
  ['f4', 'false'],
  ['f5', 'true'],
  ['f6', 'null'],
  ['f7', 'undefined'],
  ['f0', 'simple(16)'],
  ['f8ff', 'simple(255)'],
  ['c074323031332d30332d32315432303a30343a30305a', '0("2013-03-21T20:04:00Z")'],
  ['d74401020304', "23(h'01020304')"],
  ['40', "h''"],
  ['4401020304', "h'01020304'"],
  ['60', '""'],
  ['6449455446', '"IETF"'],
  ['62225c', '"\\"\\\\"'],
  ['63e6b0b4', '"水"'],
  ['80', '[]'],
  ['83010203', '[1, 2, 3]'],
  ['8301820203820405', '[1, [2, 3], [4, 5]]'],
  ['a0', '{}'],
  ['a201020304', '{1: 2, 3: 4}'],
  ['a26161016162820203', '{"a": 1, "b": [2, 3]}'],
  ['5f42010243030405ff', "(_ h'0102', h'030405')"],
  ['7f657374726561646d696e67ff', '(_ "strea", "ming")'],
  ['9fff', '[_ ]'],
  ['9f018202039f0405ffff', '[_ 1, [2, 3], [_ 4, 5]]'],
  ['bf61610161629f0203ffff', '{_ "a": 1, "b": [_ 2, 3]}'],
  ['bf6346756ef563416d7421ff', '{_ "Fun": true, "Amt": -2}'],
];

for (const [hex, diag] of APPENDIX_A) {
  test(`RFC 8949 A: ${hex} is ${diag}`, () => {
    const r = cborDiagnostic(fromHex(hex));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.text, diag);
    assert.equal(r.value.length, hex.length / 2);
  });
}

test("the spec's packed attestation object, written out", () => {
  const r = cborDiagnostic(fromHex(packedEs256.registration.attestationObject));
  assert.ok(r.ok);
  assert.match(r.value.text, /^\{\n {2}"fmt": "packed",\n {2}"attStmt": \{/);
  assert.match(r.value.text, /"alg": -7/);
  assert.match(r.value.text, /"authData": h'[0-9a-f]+'/);
});

test('bad input names its byte; random bytes never throw', () => {
  const cut = cborDiagnostic(fromHex('83010203').subarray(0, 3));
  assert.ok(!cut.ok && cut.error.offset === 3 && /truncated/.test(cut.error.what), JSON.stringify(cut));
  const reserved = cborDiagnostic(fromHex('1c'));
  assert.ok(!reserved.ok && /reserved/.test(reserved.error.what));
  const noBreak = cborDiagnostic(fromHex('9f0102'));
  assert.ok(!noBreak.ok && /break/.test(noBreak.error.what));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      cborDiagnostic(bytes);
    }),
    { seed: 20261202, numRuns: 2000 },
  );
});
