// Property tests: random and mutated inputs into every decoder never throw, and always give either a value
// or a structured error ({ what, offset?, path? }).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeAuthenticatorData } from '../../src/webauthn/authenticatorData.js';
import { fromHex } from '../../src/webauthn/bytes.js';
import { decodeCbor, decodeCborItem } from '../../src/webauthn/cborItem.js';
import { decodeClientData } from '../../src/webauthn/clientData.js';
import { coseKeyToSpki, decodeCoseKey } from '../../src/webauthn/cose.js';
import { creationOptionsFromJSON, requestOptionsFromJSON, responseFromJSON } from '../../src/webauthn/options.js';
import type { Decoded } from '../../src/webauthn/result.js';
import { derToRawSignature, parseDerSignature, verifySignature } from '../../src/webauthn/signatures.js';
import { SPEC_VECTORS, noneEs256, packedEddsa, packedRs256 } from '../fixtures/spec-vectors.js';

function wellFormed(r: Decoded<unknown>): void {
  if (r.ok) return;
  assert.equal(typeof r.error.what, 'string');
  assert.ok(r.error.what.length > 0);
  if (r.error.offset !== undefined)
    assert.ok(Number.isInteger(r.error.offset) && r.error.offset >= 0, String(r.error.offset));
  if (r.error.path !== undefined) assert.equal(typeof r.error.path, 'string');
}

/** A seed buffer mutated: bytes flipped, truncated, extended, or a slice deleted. */
const mutated = (seeds: Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      fc.nat(),
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom('flip', 'truncate', 'extend', 'splice'),
    )
    .map(([seed, flips, cut, extra, how]) => {
      let b = seed.slice();
      for (const [at, v] of flips) if (b.length) b[at % b.length] = v;
      if (how === 'truncate') b = b.slice(0, cut % (b.length + 1));
      if (how === 'extend') b = new Uint8Array([...b, ...extra]);
      if (how === 'splice' && b.length)
        b = new Uint8Array([...b.slice(0, cut % b.length), ...b.slice((cut % b.length) + extra.length)]);
      return b;
    });

const vectors = Object.values(SPEC_VECTORS).filter((v) => 'registration' in v) as Array<{
  registration: Record<string, string>;
  authentication: Record<string, string>;
}>;
const authDatas = vectors.flatMap((v) => {
  const ao = decodeCbor(fromHex(v.registration.attestationObject!));
  return [
    ao.ok ? (ao.value as Map<string, Uint8Array>).get('authData')! : new Uint8Array(),
    fromHex(v.authentication.authenticatorData!),
  ];
});
const attObjs = vectors.map((v) => fromHex(v.registration.attestationObject!));
const cdjs = vectors.flatMap((v) => [
  fromHex(v.registration.clientDataJSON!),
  fromHex(v.authentication.clientDataJSON!),
]);
const coseKeys = authDatas
  .filter((a) => a.length > 37 + 18)
  .map((a) => a.subarray(37 + 18 + ((a[37 + 16]! << 8) | a[37 + 17]!)));
const sigs = vectors.map((v) => fromHex(v.authentication.signature!));
const runs = { numRuns: 400 };

test('decodeAuthenticatorData never throws (random and mutated)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated(authDatas)), (b) =>
      wellFormed(decodeAuthenticatorData(b)),
    ),
    runs,
  );
});

test('CBOR decoding never throws (random and mutated attestation objects)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated(attObjs)), (b) => {
      wellFormed(decodeCbor(b));
      wellFormed(decodeCborItem(b, 0));
    }),
    runs,
  );
});

test('decodeCoseKey never throws, and a decoded key converts or fails cleanly', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 120 }), mutated(coseKeys)), async (b) => {
      const r = decodeCoseKey(b);
      wellFormed(r);
      if (r.ok) wellFormed(await coseKeyToSpki(r.value.key));
    }),
    { numRuns: 200 },
  );
});

test('decodeClientData never throws', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        mutated(cdjs),
        fc.json().map((s) => new TextEncoder().encode(s)),
      ),
      (b) => wellFormed(decodeClientData(b)),
    ),
    runs,
  );
});

test('DER signature parsing and verification never throw', async () => {
  const keys = [noneEs256, packedRs256, packedEddsa].map((v) => {
    const ao = decodeCbor(fromHex(v.registration.attestationObject));
    const ad = decodeAuthenticatorData((ao.ok ? (ao.value as Map<string, Uint8Array>).get('authData') : undefined)!);
    assert.ok(ad.ok);
    return ad.value.attestedCredentialData!.credentialPublicKey;
  });
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), mutated(sigs)), fc.constantFrom(32, 48, 66), (b, size) => {
      wellFormed(parseDerSignature(b));
      wellFormed(derToRawSignature(b, size));
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(
      mutated(sigs),
      fc.constantFrom(...keys),
      fc.constantFrom(-7, -8, -257, -37, -35, -47, 0),
      async (sig, key, alg) => {
        wellFormed(await verifySignature(key, alg, new Uint8Array([1, 2, 3]), sig));
      },
    ),
    { numRuns: 200 },
  );
});

test('options and response JSON parsers never throw on arbitrary JSON values', () => {
  const anything = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        challenge: fc.oneof(fc.string(), fc.jsonValue()),
        user: fc.jsonValue(),
        rp: fc.jsonValue(),
        pubKeyCredParams: fc.jsonValue(),
        extensions: fc.jsonValue(),
        response: fc.jsonValue(),
        id: fc.string(),
        rawId: fc.string(),
      },
      { requiredKeys: [] },
    ),
  );
  fc.assert(
    fc.property(anything, (j) => {
      wellFormed(creationOptionsFromJSON(j));
      wellFormed(requestOptionsFromJSON(j));
      wellFormed(responseFromJSON(j));
    }),
    runs,
  );
});
