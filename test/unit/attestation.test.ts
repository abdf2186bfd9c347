// Attestation objects and statements of every format in the spec's test vectors: decoded, certificates
// read, signatures verified, and tampering detected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { ATTESTATION_FORMATS, decodeAttestationStatement } from '../../src/webauthn/attestation/formats.js';
import type { AttestationStatementView } from '../../src/webauthn/attestation/statement.js';
import { fromHex, sha256 } from '../../src/webauthn/bytes.js';
import { SPEC_VECTORS } from '../fixtures/spec-vectors.js';

type Reg = { attestationObject: string; clientDataJSON: string; aaguid?: string };
const vectors = Object.values(SPEC_VECTORS).filter(
  (v): v is typeof v & { id: string; registration: Reg } => 'registration' in v,
);

async function statementOf(
  v: { registration: Reg },
  tamper?: (b: Uint8Array) => Uint8Array,
): Promise<AttestationStatementView> {
  const ao = decodeAttestationObject(fromHex(v.registration.attestationObject));
  assert.ok(ao.ok, JSON.stringify(!ao.ok && ao.error));
  assert.ok(ao.value.authData.ok);
  let cdj = fromHex(v.registration.clientDataJSON);
  if (tamper) cdj = tamper(cdj);
  return decodeAttestationStatement(ao.value.fmt, {
    attStmt: ao.value.attStmt,
    authData: ao.value.authData.value,
    clientDataHash: await sha256(cdj),
  });
}

const EXPECTED: Record<string, { fmt: string; type: string; verified: boolean | undefined; certs: number }> = {
  'none-es256': { fmt: 'none', type: 'None', verified: undefined, certs: 0 },
  'packed-self-es256': { fmt: 'packed', type: 'Self', verified: true, certs: 0 },
  'packed-es256': { fmt: 'packed', type: 'Basic', verified: true, certs: 1 },
  'packed-es384': { fmt: 'packed', type: 'Basic', verified: true, certs: 1 },
  'packed-es512': { fmt: 'packed', type: 'Basic', verified: true, certs: 1 },
  'packed-rs256': { fmt: 'packed', type: 'Basic', verified: true, certs: 1 },
  'packed-eddsa': { fmt: 'packed', type: 'Basic', verified: true, certs: 1 },
  'tpm-es256': { fmt: 'tpm', type: 'AttCA', verified: true, certs: 1 },
  'android-key-es256': { fmt: 'android-key', type: 'Basic', verified: true, certs: 1 },
  'apple-es256': { fmt: 'apple', type: 'AnonCA', verified: true, certs: 1 },
  'fido-u2f-es256': { fmt: 'fido-u2f', type: 'Basic', verified: true, certs: 1 },
};

for (const v of vectors) {
  const want = EXPECTED[v.id];
  if (!want) continue;
  test(`${v.id}: ${want.fmt} statement decodes, checks pass, signature ${String(want.verified)}`, async () => {
    const s = await statementOf(v);
    assert.equal(s.fmt, want.fmt);
    assert.equal(s.known, true);
    assert.equal(s.attestationType, want.type);
    assert.equal(s.signature?.verified, want.verified, s.signature?.detail);
    assert.ok(s.certificates.length >= want.certs, `${s.certificates.length} certificates`);
    for (const c of s.certificates) assert.ok(c.ok, JSON.stringify(!c.ok && c.error));
    const failed = s.checks.filter((c) => c.status === 'fail');
    assert.deepEqual(failed, [], JSON.stringify(failed));
    for (const f of s.fields) assert.ok(f.name.length > 0);
  });
}

test('packed x5c: the leaf certificate is decoded; its optional AAGUID extension is reported as absent', async () => {
  const s = await statementOf(SPEC_VECTORS.packedEs256);
  const leaf = s.certificates[0];
  assert.ok(leaf?.ok);
  assert.equal(leaf.value.subject, 'CN=WebAuthn test vectors, O=W3C, OU=Authenticator Attestation, C=AA');
  assert.equal(leaf.value.issuer, 'CN=WebAuthn test vectors, O=W3C, OU=Authenticator Attestation CA, C=AA');
  assert.equal(leaf.value.publicKey.detail, 'P-256');
  assert.equal(leaf.value.isCA, false);
  assert.deepEqual(leaf.value.keyUsage, ['digitalSignature']);
  assert.equal(leaf.value.aaguid, undefined);
  assert.equal(s.checks.find((c) => c.id === 'attestation.packed.aaguid')?.status, 'info');
  assert.equal(s.algName, 'ES256');
});

test('tpm: certInfo and pubArea decoded, name and extraData checked', async () => {
  const s = await statementOf(SPEC_VECTORS.tpmEs256);
  const certInfo = s.details?.certInfo as Record<string, unknown>;
  assert.equal(certInfo.magic, '0xff544347');
  assert.equal(certInfo.type, '0x8017');
  const pubArea = s.details?.pubArea as Record<string, unknown>;
  assert.equal(pubArea.type, 'TPM_ALG_ECC');
  assert.equal(pubArea.curveID, 'TPM_ECC_NIST_P256');
  for (const id of ['attestation.tpm.extraData', 'attestation.tpm.name', 'attestation.tpm.key']) {
    assert.equal(s.checks.find((c) => c.id === id)?.status, 'pass', id);
  }
});

test('android-key: KeyDescription decoded and its challenge is the clientDataHash', async () => {
  const s = await statementOf(SPEC_VECTORS.androidKeyEs256);
  assert.ok(s.details?.attestationChallenge);
  assert.equal(s.checks.find((c) => c.id === 'attestation.androidKey.challenge')?.status, 'pass');
});

test('a changed clientDataJSON breaks every signature and nonce', async () => {
  const flip = (b: Uint8Array) => {
    const c = b.slice();
    c[c.length - 2]! ^= 1;
    return c;
  };
  for (const id of [
    'packed-self-es256',
    'packed-es256',
    'packed-rs256',
    'tpm-es256',
    'android-key-es256',
    'apple-es256',
    'fido-u2f-es256',
  ]) {
    const v = vectors.find((x) => x.id === id)!;
    const s = await statementOf(v, flip);
    // A TPM signs certInfo, not the client data: the change shows up in extraData instead.
    if (id === 'tpm-es256') assert.equal(s.checks.find((c) => c.id === 'attestation.tpm.extraData')?.status, 'fail');
    else assert.equal(s.signature?.verified, false, `${id}: ${s.signature?.detail}`);
  }
});

test('unknown fmt and malformed statements give readable results, not exceptions', async () => {
  const ao = decodeAttestationObject(fromHex(SPEC_VECTORS.packedEs256.registration.attestationObject));
  assert.ok(ao.ok && ao.value.authData.ok);
  const authData = ao.value.authData.value;
  const unknown = await decodeAttestationStatement('acme-secret', { attStmt: new Map([['x', 1]]), authData });
  assert.equal(unknown.known, false);
  assert.match(unknown.checks[0]!.detail!, /unknown fmt/);
  for (const fmt of Object.keys(ATTESTATION_FORMATS)) {
    const junk = new Map<unknown, unknown>([
      ['alg', 'x'],
      ['sig', 5],
      ['x5c', [new Uint8Array([1, 2, 3])]],
      ['certInfo', new Uint8Array(3)],
      ['pubArea', new Uint8Array(1)],
      ['response', new Uint8Array([0x2e])],
    ]);
    const s = await decodeAttestationStatement(fmt, { attStmt: junk, authData, clientDataHash: new Uint8Array(32) });
    assert.equal(s.fmt, fmt);
    assert.notEqual(s.signature?.verified, true);
  }
});

test('attestation object errors name the member', () => {
  const bad = decodeAttestationObject(new Uint8Array([0xa1, 0x63, 0x66, 0x6d, 0x74, 0x01]));
  assert.ok(!bad.ok);
  assert.match(bad.error.path ?? '', /attestationObject/);
  const notMap = decodeAttestationObject(new Uint8Array([0x01]));
  assert.ok(!notMap.ok);
  assert.match(notMap.error.what, /not a CBOR map/);
});
