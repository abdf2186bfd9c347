// Options and responses in their WebAuthn JSON forms: both directions, round trips, and validation paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { toHex } from '../../src/webauthn/bytes.js';
import { creationOptionsFromJSON, requestOptionsFromJSON, responseFromJSON } from '../../src/webauthn/options.js';
import {
  authenticationResponseToJSON,
  creationOptionsToJSON,
  registrationResponseToJSON,
  requestOptionsToJSON,
} from '../helpers/optionsToJSON.js';

const creationJSON = {
  rp: { id: 'example.org', name: 'Example' },
  user: { id: 'dXNlci0x', name: 'alice', displayName: 'Alice' },
  challenge: 'AMMPt4UxxGTStncdq417YDwBFi8vpIa-pw8oOuVW4TA',
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 60000,
  excludeCredentials: [
    { type: 'public-key', id: '-R85HbTJsv3g6nAYnLo_tj9Xm6YSKzOtlP8-wzAIS-Q', transports: ['internal', 'hybrid'] },
  ],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  hints: ['client-device'],
  attestation: 'direct',
  attestationFormats: ['packed'],
  extensions: {
    credProps: true,
    prf: { eval: { first: 'Zmlyc3Q', second: 'c2Vjb25k' } },
    largeBlob: { support: 'preferred' },
    credBlob: 'YmxvYg',
    futureExtension: { keep: 'me' },
  },
  vendorMember: 42,
};

test('creation options: JSON → binary → JSON is the identity', () => {
  const r = creationOptionsFromJSON(creationJSON);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(toHex(r.value.user.id), toHex(new TextEncoder().encode('user-1')));
  assert.ok(r.value.challenge instanceof Uint8Array && r.value.challenge.length === 32);
  assert.ok(r.value.excludeCredentials![0]!.id instanceof Uint8Array);
  const prf = (r.value.extensions!.prf as { eval: { first: Uint8Array } }).eval;
  assert.equal(new TextDecoder().decode(prf.first), 'first');
  assert.ok(r.value.extensions!.credBlob instanceof Uint8Array);
  assert.deepEqual(creationOptionsToJSON(r.value), creationJSON);
});

test('request options: JSON → binary → JSON, with prf evalByCredential and largeBlob write', () => {
  const json = {
    challenge: 'OcDnUhQXulTUPo3JUXT0I97pvzzYBP9tZchXyav01Ag',
    rpId: 'example.org',
    allowCredentials: [{ type: 'public-key', id: 'AQID' }],
    userVerification: 'required',
    extensions: {
      prf: { evalByCredential: { AQID: { first: 'AAAA' }, BAUG: { first: 'AQEB', second: 'AgIC' } } },
      largeBlob: { write: 'aGVsbG8' },
      appid: 'https://example.org/appid',
    },
  };
  const r = requestOptionsFromJSON(json);
  assert.ok(r.ok);
  const byCred = (
    r.value.extensions!.prf as { evalByCredential: Record<string, { first: Uint8Array; second?: Uint8Array }> }
  ).evalByCredential;
  assert.deepEqual([...byCred.BAUG!.second!], [2, 2, 2]);
  assert.deepEqual(requestOptionsToJSON(r.value), json);
});

test('toJSON accepts any BufferSource (ArrayBuffer, DataView, typed arrays at an offset)', () => {
  const buf = new Uint8Array([9, 1, 2, 3, 9]).buffer;
  const out = requestOptionsToJSON({
    challenge: new DataView(buf, 1, 3),
    allowCredentials: [{ type: 'public-key', id: buf }],
    extensions: { prf: { eval: { first: new Int8Array([1, 2]) } } },
  });
  assert.equal(out.challenge, 'AQID');
  assert.equal(out.allowCredentials![0]!.id, 'CQECAwk');
  assert.deepEqual(out.extensions, { prf: { eval: { first: 'AQI' } } });
});

test('property: random binary creation options round-trip', () => {
  const bytes = fc.uint8Array({ maxLength: 64 });
  fc.assert(
    fc.property(
      bytes,
      bytes,
      fc.array(bytes, { maxLength: 3 }),
      fc.option(bytes, { nil: undefined }),
      (challenge, userId, ids, salt) => {
        const opts = {
          rp: { name: 'r' },
          user: { id: userId, name: 'n', displayName: 'd' },
          challenge,
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          excludeCredentials: ids.map((id) => ({ type: 'public-key', id })),
          ...(salt ? { extensions: { prf: { eval: { first: salt } } } } : {}),
        };
        const json = creationOptionsToJSON(opts);
        const back = creationOptionsFromJSON(JSON.parse(JSON.stringify(json)));
        assert.ok(back.ok);
        assert.deepEqual(back.value, opts);
      },
    ),
  );
});

const missing: Array<[string, (j: Record<string, any>) => void, string]> = [
  ['user.id', (j) => delete j.user.id, 'user.id'],
  ['user.name', (j) => delete j.user.name, 'user.name'],
  ['rp.name', (j) => delete j.rp.name, 'rp.name'],
  ['challenge', (j) => delete j.challenge, 'challenge'],
  ['bad base64url challenge', (j) => (j.challenge = 'a*b'), 'challenge'],
  ['pubKeyCredParams', (j) => delete j.pubKeyCredParams, 'pubKeyCredParams'],
  ['pubKeyCredParams alg', (j) => (j.pubKeyCredParams[1].alg = 'ES256'), 'pubKeyCredParams[1].alg'],
  ['excludeCredentials id', (j) => (j.excludeCredentials[0].id = 7), 'excludeCredentials[0].id'],
  ['prf first', (j) => (j.extensions.prf.eval.first = {}), 'extensions.prf.eval.first'],
  ['timeout', (j) => (j.timeout = '60s'), 'timeout'],
];
for (const [name, mutate, path] of missing) {
  test(`creation options validation: ${name} → error at "${path}"`, () => {
    const j = structuredClone(creationJSON) as Record<string, any>;
    mutate(j);
    const r = creationOptionsFromJSON(j);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.path, path);
  });
}

test('responses: binary → JSON → binary for both kinds', () => {
  const b = (...x: number[]) => new Uint8Array(x);
  const reg = {
    id: 'AQID',
    rawId: b(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: b(123),
      attestationObject: b(160),
      authenticatorData: b(5),
      transports: ['internal'],
      publicKey: b(48),
      publicKeyAlgorithm: -7,
    },
    clientExtensionResults: { credProps: { rk: true }, prf: { enabled: true, results: { first: b(7, 7) } } },
  };
  const regJSON = registrationResponseToJSON(reg);
  assert.equal(regJSON.rawId, 'AQID');
  assert.deepEqual(regJSON.clientExtensionResults, {
    credProps: { rk: true },
    prf: { enabled: true, results: { first: 'Bwc' } },
  });
  const r1 = responseFromJSON(JSON.parse(JSON.stringify(regJSON)));
  assert.ok(r1.ok);
  assert.equal(r1.value.kind, 'registration');
  assert.deepEqual(r1.value.credential, reg);

  const auth = {
    id: 'AQID',
    rawId: b(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: null,
    response: { clientDataJSON: b(123), authenticatorData: b(1), signature: b(48, 0), userHandle: null },
    clientExtensionResults: { largeBlob: { blob: b(1) } },
  };
  const authJSON = authenticationResponseToJSON(auth);
  assert.equal('userHandle' in authJSON.response, false);
  assert.equal(authJSON.authenticatorAttachment, null);
  const r2 = responseFromJSON(authJSON);
  assert.ok(r2.ok);
  assert.equal(r2.value.kind, 'authentication');
  const { userHandle: _, ...withoutHandle } = auth.response;
  assert.deepEqual(r2.value.credential, { ...auth, response: withoutHandle });
  assert.equal(toBase64url((r2.value.credential.clientExtensionResults.largeBlob as { blob: Uint8Array }).blob), 'AQ');
});

test('response validation: paths for missing or bad members', () => {
  const cases: Array<[unknown, string]> = [
    [
      { id: 'AQID', rawId: 'AQID', type: 'public-key', response: { clientDataJSON: 'e30' } },
      'response.attestationObject',
    ],
    [
      { id: 'AQID', rawId: 'AQIE', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'oA' } },
      'rawId',
    ],
    [
      {
        id: 'AQID',
        rawId: 'AQID',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 5 },
      },
      'response.signature',
    ],
    [{ id: 'AQID', rawId: 'AQID', type: 'public-key' }, 'response'],
    [{ rawId: 'AQID', type: 'public-key', response: {} }, 'id'],
  ];
  for (const [json, path] of cases) {
    const r = responseFromJSON(json);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.path, path, JSON.stringify(json));
  }
});
