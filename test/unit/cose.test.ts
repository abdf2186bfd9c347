// COSE keys: decoding with the length consumed, validation errors, JWK/SPKI/PEM, encoding order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, fromHex, toHex } from '../../src/webauthn/bytes.js';
import { cborItemLength, decodeCborItem } from '../../src/webauthn/cborItem.js';
import {
  coseKeyFromMap,
  coseKeyToJwk,
  coseKeyToSpki,
  decodeCoseKey,
  encodeCoseKey,
  spkiToPem,
} from '../../src/webauthn/cose.js';

const ES256_KEY =
  'a5010203262001215820afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df61225820930a56b87a2fca66334b03458abf879717c12cc68ed73290af2e2664796b9220';

test('decodeCoseKey reports the bytes it used and ignores what follows', () => {
  const r = decodeCoseKey(concatBytes(fromHex(ES256_KEY), fromHex('a16b6372656450726f7465637402')));
  assert.ok(r.ok);
  assert.equal(r.value.length, ES256_KEY.length / 2);
  assert.equal(r.value.key.crvName, 'P-256');
});

test('cborItemLength walks indefinite lengths, tags and nesting', () => {
  assert.deepEqual(cborItemLength(fromHex('9f01820203ff00')), { ok: true, value: 6 });
  assert.deepEqual(cborItemLength(fromHex('d818450102030405')), { ok: true, value: 8 });
  assert.deepEqual(cborItemLength(fromHex('7f626161ff')), { ok: true, value: 5 });
  assert.equal(cborItemLength(fromHex('5a00010000')).ok, false);
  assert.equal(cborItemLength(fromHex('9b00000000ffffffff')).ok, false);
  assert.equal(cborItemLength(fromHex('81'.repeat(100) + '00')).ok, false);
  assert.equal(cborItemLength(fromHex('1c')).ok, false);
  const item = decodeCborItem(fromHex('a2616101616202ff'), 0);
  assert.ok(item.ok);
  assert.equal(item.value.length, 7);
});

const bad: Array<[string, string, RegExp]> = [
  ['not a map', '8101', /not a CBOR map/],
  ['no kty', 'a10326', /no kty/],
  ['unknown kty', 'a10105', /kty 5 is not/],
  ['alg of the wrong type', 'a3010203390100' + '2001', /alg RS256 needs kty RSA/],
  ['short x', 'a4010220012158' + '1f' + '00'.repeat(31) + '225820' + '00'.repeat(32), /x is 31 bytes; 32 expected/],
  ['long y', 'a4010220012158' + '20' + '00'.repeat(32) + '225821' + '00'.repeat(33), /y is 33 bytes; 32 expected/],
  ['compressed point', 'a4010220012158' + '20' + '00'.repeat(32) + '22f5', /point compression/],
  ['unknown curve', 'a3010220092158' + '20' + '00'.repeat(32), /crv 9 is not a known curve/],
  ['OKP on P-256', 'a3010120012158' + '20' + '00'.repeat(32), /P-256 belongs to kty EC2/],
  [
    'ES384 on P-256',
    'a501020338222001215820' + '00'.repeat(32) + '225820' + '00'.repeat(32),
    /ES384 needs curve P-384/,
  ],
  [
    'private key',
    'a5010220012158' + '20' + '00'.repeat(32) + '225820' + '00'.repeat(32) + '235820' + '00'.repeat(32),
    /private key material/,
  ],
  ['RSA without e', 'a20103205901000000', /runs past|n \(label -1\)/],
];
for (const [name, hex, re] of bad) {
  test(`decodeCoseKey rejects ${name}`, () => {
    const r = decodeCoseKey(fromHex(hex));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.what : '', re);
  });
}

test('coseKeyFromMap keeps unknown labels for display', () => {
  const m = new Map<unknown, unknown>([
    [1, 1],
    [3, -8],
    [-1, 6],
    [-2, new Uint8Array(32)],
    ['vendor', 'x'],
  ]);
  const k = coseKeyFromMap(m);
  assert.ok(k.ok);
  assert.deepEqual(
    k.value.labels.map((l) => [l.label, l.name]),
    [
      [1, 'kty'],
      [3, 'alg'],
      [-1, 'crv'],
      [-2, 'x'],
      ['vendor', undefined],
    ],
  );
});

test("encodeCoseKey writes CTAP2 canonical order, and its SPKI equals WebCrypto's own", async () => {
  const gens: Array<[EcKeyGenParams | RsaHashedKeyGenParams | Algorithm, number, string]> = [
    [{ name: 'ECDSA', namedCurve: 'P-256' }, -7, 'a5010203262001215820'],
    [{ name: 'ECDSA', namedCurve: 'P-384' }, -35, 'a50102033822200221583'],
    [{ name: 'ECDSA', namedCurve: 'P-521' }, -36, 'a50102033823200321584'],
    [{ name: 'Ed25519' }, -8, 'a4010103272006215820'],
    [
      {
        name: 'RSASSA-PKCS1-v1_5',
        hash: 'SHA-256',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
      } as RsaHashedKeyGenParams,
      -257,
      'a401030339010020590100',
    ],
  ];
  for (const [gen, alg, prefix] of gens) {
    const pair = (await crypto.subtle.generateKey(gen, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cose = encodeCoseKey(await crypto.subtle.exportKey('jwk', pair.publicKey), alg);
    assert.ok(toHex(cose).startsWith(prefix), `${alg}: ${toHex(cose).slice(0, 24)}`);
    const key = decodeCoseKey(cose);
    assert.ok(key.ok);
    assert.equal(key.value.length, cose.length);
    const spki = await coseKeyToSpki(key.value.key);
    assert.ok(spki.ok);
    assert.equal(toHex(spki.value), toHex(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))));
    const jwk = coseKeyToJwk(key.value.key);
    assert.ok(jwk.ok);
    assert.match(spkiToPem(spki.value), /^-----BEGIN PUBLIC KEY-----\n/);
  }
  assert.throws(() => encodeCoseKey({ kty: 'oct', k: 'AAAA' }, -7), TypeError);
});
