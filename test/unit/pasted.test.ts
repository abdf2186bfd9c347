// The Decode view's recogniser: each pasted form of the specification's packed ES256 vectors is named and
// decoded; bad input says what was expected, and nothing throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode } from 'cbor-x';
import { recognizePasted, typedOrigin } from '../../src/webauthn/pasted.js';
import { decodeCeremony } from '../../src/webauthn/decodeCeremony.js';
import { fromHex, toHex } from '../../src/webauthn/bytes.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { packedEs256 } from '../fixtures/spec-vectors.js';

const reg = packedEs256.registration;
const auth = packedEs256.authentication;
const b64u = (hex: string) => toBase64url(fromHex(hex));
const credentialJson = {
  id: b64u(reg.credential_id),
  rawId: b64u(reg.credential_id),
  type: 'public-key',
  response: { clientDataJSON: b64u(reg.clientDataJSON), attestationObject: b64u(reg.attestationObject) },
  clientExtensionResults: {},
};
const options = {
  rp: { id: 'example.org', name: 'Example' },
  user: { id: 'dXNlcg', name: 'u', displayName: 'U' },
  challenge: b64u(reg.challenge),
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};

test('a PublicKeyCredential JSON, with or without its options, is one ceremony', () => {
  const alone = recognizePasted(JSON.stringify(credentialJson));
  assert.ok(alone.ok && alone.value.kind === 'ceremony');
  assert.equal(alone.value.record.kind, 'create');
  assert.equal(alone.value.record.origin, 'https://example.org');
  for (const text of [
    `${JSON.stringify(options)}\n${JSON.stringify(credentialJson)}`,
    JSON.stringify([options, credentialJson]),
    JSON.stringify({ options: { publicKey: options }, response: credentialJson }),
  ]) {
    const both = recognizePasted(text);
    assert.ok(both.ok && both.value.kind === 'ceremony', text.slice(0, 40));
    assert.equal(both.value.what, 'creation options and a create() response');
    assert.deepEqual(both.value.record.options, options);
  }
  const opts = recognizePasted(JSON.stringify({ challenge: 'AAAA', rpId: 'example.org' }));
  assert.ok(opts.ok && opts.value.kind === 'ceremony' && opts.value.record.kind === 'get');
  const mismatch = recognizePasted(`${JSON.stringify({ challenge: 'AAAA' })}${JSON.stringify(credentialJson)}`);
  assert.ok(!mismatch.ok && /options of a get\(\) with the response of a create\(\)/.test(mismatch.error.what));
});

test("the RP's origin, when given, is what the response's clientDataJSON is checked against", async () => {
  const check = async (context: { origin?: string }) => {
    const r = recognizePasted(JSON.stringify(credentialJson), context);
    assert.ok(r.ok && r.value.kind === 'ceremony');
    const d = await decodeCeremony(r.value.record);
    return d.checks.filter((c) => c.id === 'clientData.origin').map((c) => [c.status, c.detail]);
  };
  assert.deepEqual(await check({ origin: 'https://example.org' }), [['pass', 'https://example.org']]);
  assert.deepEqual(await check({ origin: 'https://login.example.net' }), [
    ['fail', 'expected "https://login.example.net", got "https://example.org"'],
  ]);
  // Without it the response's own origin stands in, and the check cannot fail.
  assert.deepEqual(
    (await check({})).map(([s]) => s),
    ['pass'],
  );
  assert.deepEqual(typedOrigin(' https://example.com/login?x=1 '), { ok: true, value: 'https://example.com' });
  for (const bad of ['example.com', 'data:text/plain,hi', '']) assert.equal(typedOrigin(bad).ok, false, bad);
});

test('each structure in each encoding is named and decoded', () => {
  const ao = fromHex(reg.attestationObject);
  const x5c = (decode(ao) as { attStmt: { x5c: Uint8Array[] } }).attStmt.x5c[0]!;
  const decodedAo = decodeAttestationObject(ao);
  assert.ok(decodedAo.ok && decodedAo.value.authData.ok);
  const coseKey = decodedAo.value.authData.value.attestedCredentialData!.credentialPublicKeyBytes;
  const cases: Array<[string, string, string]> = [
    [reg.attestationObject, 'attestationObject', 'hex'],
    [toBase64url(ao), 'attestationObject', 'base64url'],
    [JSON.stringify([...ao]), 'attestationObject', 'JSON byte array'],
    [b64u(auth.authenticatorData), 'authenticatorData', 'base64url'],
    [Buffer.from(fromHex(auth.clientDataJSON)).toString('base64'), 'clientDataJSON', 'base64'],
    [toHex(coseKey), 'COSE key', 'hex'],
    [auth.signature, 'signature', 'hex'],
    [
      `-----BEGIN CERTIFICATE-----\n${Buffer.from(x5c).toString('base64')}\n-----END CERTIFICATE-----`,
      'certificate',
      'PEM',
    ],
  ];
  for (const [text, what, encoding] of cases) {
    const r = recognizePasted(text);
    assert.ok(r.ok && r.value.kind === 'structure', `${what}: ${JSON.stringify(r)}`);
    // Base64 without "+", "/" or "=" is base64url too, and is named so.
    const named = encoding === 'base64' && !/[+/=]/.test(text) ? 'base64url' : encoding;
    assert.deepEqual([r.value.what, r.value.encoding, r.value.decoded.ok], [what, named, true], text.slice(0, 30));
  }
});

test('bad input says what was expected; random text never throws', () => {
  for (const [text, expected] of [
    ['', /nothing/],
    ['{"a": ', /does not parse as JSON/],
    ['{"hello": 1}', /neither a PublicKeyCredential/],
    ['zz%%', /none of JSON, PEM, hex/],
    ['0102', /2 bytes of hex that are none of/],
  ] as const) {
    const r = recognizePasted(text);
    assert.ok(!r.ok && expected.test(r.error.what), `${text}: ${JSON.stringify(r)}`);
  }
  // Cut short, it is still named, and its decoder says at which byte it stopped.
  const truncated = recognizePasted(reg.attestationObject.slice(0, 400));
  assert.ok(truncated.ok && truncated.value.kind === 'structure', JSON.stringify(truncated));
  assert.equal(truncated.value.what, 'attestationObject');
  assert.ok(!truncated.value.decoded.ok && truncated.value.decoded.error.offset !== undefined);
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => void recognizePasted(s)),
    { seed: 20261202, numRuns: 1000 },
  );
});
