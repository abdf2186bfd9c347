// The WebAuthn L3 spec's test vectors, decoded and verified: authenticator data, client data, COSE keys,
// assertion signatures and packed self-attestation, with @simplewebauthn/server as an independent oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import {
  authenticatorDataChecks,
  decodeAuthenticatorData,
  type AuthenticatorData,
} from '../../src/webauthn/authenticatorData.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { concatBytes, fromHex, sha256, toHex } from '../../src/webauthn/bytes.js';
import { decodeCbor } from '../../src/webauthn/cborItem.js';
import { clientDataChecks, decodeClientData } from '../../src/webauthn/clientData.js';
import { coseKeyToJwk, coseKeyToSpki, spkiToPem } from '../../src/webauthn/cose.js';
import { verifyAssertionSignature, verifySignature } from '../../src/webauthn/signatures.js';
import {
  SPEC_ORIGIN,
  SPEC_RP_ID,
  SPEC_TOP_ORIGIN,
  SPEC_VECTORS,
  noneEs256,
  packedSelfEs256,
} from '../fixtures/spec-vectors.js';

const RP_ID_HASH = 'bfabc37432958b063360d3ad6461c9c4735ae7f8edd46592a5e0f01452b2e4b5';

type Ceremony = { readonly [k: string]: string };
type Vector = { id: string; registration: Ceremony; authentication?: Ceremony };
const ceremonies = Object.values(SPEC_VECTORS).filter((v): v is typeof v & Vector => 'registration' in v);

function attestationObject(hex: string): Map<string, unknown> {
  const r = decodeCbor(fromHex(hex));
  assert.ok(r.ok);
  assert.ok(r.value instanceof Map);
  return r.value as Map<string, unknown>;
}

function registeredAuthData(v: Vector): AuthenticatorData {
  const ad = decodeAuthenticatorData(
    attestationObject(v.registration.attestationObject!).get('authData') as Uint8Array,
  );
  assert.ok(ad.ok, JSON.stringify(!ad.ok && ad.error));
  return ad.value;
}

test('every spec vector has registration and authentication parts', () => {
  assert.equal(ceremonies.length, 15);
  assert.ok(ceremonies.every((v) => v.authentication));
});

test('none-es256: registration authenticator data field by field', () => {
  const ad = registeredAuthData(noneEs256);
  assert.equal(toHex(ad.rpIdHash), RP_ID_HASH);
  // auth_data_UV_BE_BS = 0xba: UV, BE and BS set, on top of UP and AT.
  assert.equal(ad.flags.raw, 0x59);
  assert.deepEqual(
    { UP: ad.flags.UP, UV: ad.flags.UV, BE: ad.flags.BE, BS: ad.flags.BS, AT: ad.flags.AT, ED: ad.flags.ED },
    { UP: true, UV: false, BE: true, BS: true, AT: true, ED: false },
  );
  assert.equal(ad.signCount, 0);
  const acd = ad.attestedCredentialData!;
  assert.equal(acd.aaguid, '8446ccb9-ab1d-b374-750b-2367ff6f3a1f');
  assert.equal(toHex(acd.aaguidBytes), noneEs256.registration.aaguid);
  assert.equal(acd.credentialIdLength, 32);
  assert.equal(toHex(acd.credentialId), noneEs256.registration.credential_id);
  const k = acd.credentialPublicKey;
  assert.deepEqual([k.kty, k.ktyName, k.alg, k.crv, k.crvName], [2, 'EC2', -7, 1, 'P-256']);
  assert.equal(toHex(k.x!), 'afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df61');
  assert.equal(toHex(k.y!), '930a56b87a2fca66334b03458abf879717c12cc68ed73290af2e2664796b9220');
  assert.deepEqual(
    k.labels.map((l) => l.name),
    ['kty', 'alg', 'crv', 'x', 'y'],
  );
  assert.equal(toHex(acd.credentialPublicKeyBytes).slice(0, 10), 'a501020326');
  assert.equal(acd.credentialPublicKeyBytes.length, 77);
});

test('authentication authenticator data decodes (37 bytes, no AT)', () => {
  for (const v of ceremonies) {
    if (!v.authentication) continue;
    const ad = decodeAuthenticatorData(fromHex(v.authentication.authenticatorData!));
    assert.ok(ad.ok, v.id);
    assert.equal(toHex(ad.value.rpIdHash), RP_ID_HASH);
    assert.equal(ad.value.attestedCredentialData, undefined);
    assert.equal(ad.value.flags.UP, true);
    assert.ok(!(ad.value.flags.BS && !ad.value.flags.BE), v.id);
  }
});

test('long credential ID (1023 bytes) decodes and passes the length check', async () => {
  const ad = registeredAuthData(SPEC_VECTORS.noneEs256LongCredentialId);
  assert.equal(ad.attestedCredentialData!.credentialIdLength, 1023);
  const checks = await authenticatorDataChecks(ad, SPEC_RP_ID, { ceremony: 'create' });
  assert.equal(checks.find((c) => c.id === 'authData.credentialId.length')!.status, 'pass');
});

test('authenticatorDataChecks pass for every registration and assertion on example.org', async () => {
  for (const v of ceremonies) {
    const reg = await authenticatorDataChecks(registeredAuthData(v), SPEC_RP_ID, { ceremony: 'create' });
    assert.deepEqual(
      reg.filter((c) => c.status === 'fail' || c.status === 'warn'),
      [],
      v.id,
    );
    if (!v.authentication) continue;
    const ad = decodeAuthenticatorData(fromHex(v.authentication.authenticatorData!));
    assert.ok(ad.ok);
    const get = await authenticatorDataChecks(ad.value, SPEC_RP_ID, { ceremony: 'get' });
    assert.deepEqual(
      get.filter((c) => c.status === 'fail' || c.status === 'warn'),
      [],
      v.id,
    );
    const wrong = await authenticatorDataChecks(ad.value, 'example.com', { ceremony: 'get' });
    assert.equal(wrong.find((c) => c.id === 'authData.rpIdHash')!.status, 'fail');
  }
});

test('clientDataJSON of every vector decodes and passes its checks', () => {
  for (const v of ceremonies) {
    for (const [ceremony, c] of [
      ['create', v.registration],
      ['get', v.authentication],
    ] as const) {
      if (!c) continue;
      const cd = decodeClientData(fromHex(c.clientDataJSON!));
      assert.ok(cd.ok, v.id);
      assert.equal(cd.value.type, ceremony === 'create' ? 'webauthn.create' : 'webauthn.get');
      assert.equal(cd.value.origin, SPEC_ORIGIN);
      assert.equal(cd.value.challenge, toBase64url(fromHex(c.challenge!)));
      const cross = cd.value.crossOrigin === true;
      const checks = clientDataChecks(cd.value, {
        ceremony,
        expectedChallenge: toBase64url(fromHex(c.challenge!)),
        origin: SPEC_ORIGIN,
        crossOrigin: cross,
        ...(cd.value.topOrigin ? { topOrigin: SPEC_TOP_ORIGIN } : {}),
      });
      assert.deepEqual(
        checks.filter((x) => x.status === 'fail' || x.status === 'warn'),
        [],
        `${v.id} ${ceremony}`,
      );
      assert.equal(checks.find((x) => x.id === 'clientData.serialization')!.status, 'pass');
      const other = clientDataChecks(cd.value, {
        ceremony: ceremony === 'create' ? 'get' : 'create',
        expectedChallenge: 'AAAA',
      });
      assert.equal(other.find((x) => x.id === 'clientData.type')!.status, 'fail');
      assert.equal(other.find((x) => x.id === 'clientData.challenge')!.status, 'fail');
    }
  }
});

test('extraData member is kept in `other`, in key order', () => {
  const cd = decodeClientData(fromHex(noneEs256.registration.clientDataJSON));
  assert.ok(cd.ok);
  assert.deepEqual(cd.value.keyOrder, ['type', 'challenge', 'origin', 'crossOrigin', 'extraData']);
  assert.match(String(cd.value.other.extraData), /^clientDataJSON may be extended/);
  const top = decodeClientData(fromHex(SPEC_VECTORS.noneEs256TopOrigin.registration.clientDataJSON));
  assert.ok(top.ok);
  assert.equal(top.value.topOrigin, SPEC_TOP_ORIGIN);
  assert.equal(top.value.crossOrigin, true);
});

test('assertion signatures verify (ES256, ES384, ES512, RS256, EdDSA) and fail when tampered', async () => {
  const algs = new Set<string>();
  for (const v of ceremonies) {
    if (!v.authentication) continue;
    const key = registeredAuthData(v).attestedCredentialData!.credentialPublicKey;
    if (key.crvName === 'Ed448') continue;
    const a = v.authentication;
    const r = await verifyAssertionSignature(
      key,
      key.alg!,
      fromHex(a.authenticatorData!),
      fromHex(a.clientDataJSON!),
      fromHex(a.signature!),
    );
    assert.deepEqual(r, { ok: true, value: true }, v.id);
    algs.add(`${key.alg}`);
    const ad = fromHex(a.authenticatorData!);
    ad[36] ^= 1;
    const bad = await verifyAssertionSignature(key, key.alg!, ad, fromHex(a.clientDataJSON!), fromHex(a.signature!));
    assert.deepEqual(bad, { ok: true, value: false }, v.id);
  }
  assert.deepEqual([...algs].sort(), ['-257', '-35', '-36', '-7', '-8']);
});

test('Ed448 is named but reported as not verifiable by WebCrypto', async () => {
  const v = SPEC_VECTORS.packedEd448;
  const key = registeredAuthData(v).attestedCredentialData!.credentialPublicKey;
  assert.equal(key.crvName, 'Ed448');
  const r = await verifySignature(key, key.alg!, new Uint8Array(1), new Uint8Array(114));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error.what : '', /cannot be verified with WebCrypto/);
  const spki = await coseKeyToSpki(key);
  assert.ok(spki.ok);
  assert.equal(spki.value.length, 12 + 57);
});

test('packed self attestation signature verifies with the credential key', async () => {
  const v = packedSelfEs256;
  const ao = attestationObject(v.registration.attestationObject);
  assert.equal(ao.get('fmt'), 'packed');
  const stmt = ao.get('attStmt') as Map<string, unknown>;
  assert.equal(stmt.get('x5c'), undefined);
  const authData = ao.get('authData') as Uint8Array;
  const key = registeredAuthData(v).attestedCredentialData!.credentialPublicKey;
  const cdj = fromHex(v.registration.clientDataJSON);
  // What the packed decoder does for self attestation: the credential key verifies sig over authData ‖ hash.
  const verifySelf = async (alg: number, clientDataJSON: Uint8Array) =>
    verifySignature(key, alg, concatBytes(authData, await sha256(clientDataJSON)), stmt.get('sig') as Uint8Array);
  const ok = await verifySelf(stmt.get('alg') as number, cdj);
  assert.deepEqual(ok, { ok: true, value: true });
  cdj[cdj.length - 2] ^= 1;
  const tampered = await verifySelf(stmt.get('alg') as number, cdj);
  assert.deepEqual(tampered, { ok: true, value: false });
  const wrongAlg = await verifySelf(-35, cdj);
  assert.equal(wrongAlg.ok, false);
});

test('COSE keys of the vectors convert to JWK and SPKI PEM that WebCrypto and Node accept', async () => {
  const { createPublicKey } = await import('node:crypto');
  for (const v of ceremonies) {
    const key = registeredAuthData(v).attestedCredentialData!.credentialPublicKey;
    const spki = await coseKeyToSpki(key);
    assert.ok(spki.ok, v.id);
    const pem = spkiToPem(spki.value);
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/);
    const nodeKey = createPublicKey(pem);
    if (key.ktyName !== 'OKP' || key.crvName === 'Ed25519') {
      const jwk = coseKeyToJwk(key);
      assert.ok(jwk.ok);
      const fromNode = nodeKey.export({ format: 'jwk' });
      assert.equal(fromNode.x ?? fromNode.n, jwk.value.x ?? jwk.value.n, v.id);
    }
  }
});

test('@simplewebauthn/server accepts the same vectors our decoder verifies', async () => {
  for (const v of [
    noneEs256,
    packedSelfEs256,
    SPEC_VECTORS.packedEs384,
    SPEC_VECTORS.packedRs256,
    SPEC_VECTORS.packedEddsa,
  ]) {
    const ao = attestationObject(v.registration.attestationObject);
    const acd = registeredAuthData(v).attestedCredentialData!;
    const credId = toBase64url(acd.credentialId);
    if (ao.get('fmt') === 'none' || (ao.get('attStmt') as Map<string, unknown>).get('x5c') === undefined) {
      const reg = await verifyRegistrationResponse({
        response: {
          id: credId,
          rawId: credId,
          type: 'public-key',
          clientExtensionResults: {},
          response: {
            clientDataJSON: toBase64url(fromHex(v.registration.clientDataJSON)),
            attestationObject: toBase64url(fromHex(v.registration.attestationObject)),
          },
        },
        expectedChallenge: toBase64url(fromHex(v.registration.challenge)),
        expectedOrigin: SPEC_ORIGIN,
        expectedRPID: SPEC_RP_ID,
        requireUserVerification: false,
      });
      assert.equal(reg.verified, true, v.id);
    }
    const a = v.authentication;
    const auth = await verifyAuthenticationResponse({
      response: {
        id: credId,
        rawId: credId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: toBase64url(fromHex(a.clientDataJSON)),
          authenticatorData: toBase64url(fromHex(a.authenticatorData)),
          signature: toBase64url(fromHex(a.signature)),
        },
      },
      expectedChallenge: toBase64url(fromHex(a.challenge)),
      expectedOrigin: SPEC_ORIGIN,
      expectedRPID: SPEC_RP_ID,
      requireUserVerification: false,
      credential: { id: credId, publicKey: acd.credentialPublicKeyBytes as Uint8Array<ArrayBuffer>, counter: 0 },
    });
    assert.equal(auth.verified, true, v.id);
  }
});
