// Property tests for attestation: random and mutated attestation objects, statements, certificates and
// whole recorded ceremonies never throw; they give a value or a structured, readable error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { ATTESTATION_FORMATS, decodeAttestationStatement } from '../../src/webauthn/attestation/formats.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { fromHex } from '../../src/webauthn/bytes.js';
import { decodeCertificate } from '../../src/webauthn/certificates.js';
import { decodeCeremony } from '../../src/webauthn/decodeCeremony.js';
import type { Decoded } from '../../src/webauthn/result.js';
import { SPEC_VECTORS } from '../fixtures/spec-vectors.js';

const vectors = Object.values(SPEC_VECTORS).filter((v) => 'registration' in v) as Array<{
  registration: Record<string, string>;
}>;
const attObjects = vectors.map((v) => fromHex(v.registration.attestationObject!));
const certs = vectors.flatMap((v) => {
  const ao = decodeAttestationObject(fromHex(v.registration.attestationObject!));
  const x5c = ao.ok ? ao.value.attStmt.get('x5c') : undefined;
  return Array.isArray(x5c) ? (x5c as Uint8Array[]) : [];
});

const mutate = (seeds: Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      fc.nat(),
    )
    .map(([seed, flips, cut]) => {
      const b = seed.slice(0, seed.length - (cut % 4 === 0 ? cut % seed.length : 0));
      for (const [at, v] of flips) if (b.length) b[at % b.length] = v;
      return b;
    });

function wellFormed(r: Decoded<unknown>): void {
  if (!r.ok) assert.ok(typeof r.error.what === 'string' && r.error.what.length > 0);
}

test('decodeAttestationObject and every statement parser survive mutated attestation objects', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(mutate(attObjects), fc.uint8Array({ maxLength: 300 })), async (bytes) => {
      const ao = decodeAttestationObject(bytes);
      wellFormed(ao);
      if (ao.ok && ao.value.authData.ok) {
        for (const fmt of [ao.value.fmt, ...Object.keys(ATTESTATION_FORMATS)]) {
          const s = await decodeAttestationStatement(fmt, {
            attStmt: ao.value.attStmt,
            authData: ao.value.authData.value,
            clientDataHash: new Uint8Array(32),
          });
          assert.equal(s.fmt, fmt);
          assert.ok(Array.isArray(s.checks));
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('decodeCertificate survives mutated and random certificates', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(mutate(certs), fc.uint8Array({ maxLength: 400 })), async (bytes) => {
      wellFormed(await decodeCertificate(bytes));
    }),
    { numRuns: 150 },
  );
});

test('decodeCeremony survives records whose members are random JSON', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('create', 'get', 'getClientCapabilities'),
      fc.jsonValue(),
      fc.jsonValue(),
      fc.uint8Array({ maxLength: 80 }),
      async (kind, options, response, bytes) => {
        const b = toBase64url(bytes);
        for (const resp of [
          response,
          {
            id: b,
            rawId: b,
            type: 'public-key',
            clientExtensionResults: {},
            response: { clientDataJSON: b, attestationObject: b, authenticatorData: b, signature: b },
          },
        ]) {
          const d = await decodeCeremony({
            id: 'x',
            kind: kind as 'create',
            mode: 'native',
            status: 'ok',
            origin: 'https://a.example',
            url: 'https://a.example/',
            crossOrigin: false,
            topLevel: true,
            startTime: 0,
            options,
            response: resp as never,
          });
          assert.equal(d.id, 'x');
          for (const e of d.decodeErrors) assert.ok(e.error.what.length > 0);
        }
      },
    ),
    { numRuns: 150 },
  );
});
