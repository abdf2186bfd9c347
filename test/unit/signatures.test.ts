// Signatures: DER ⇄ raw, and verifySignature against keys made here with WebCrypto for every
// algorithm WebCrypto supports (accepts the signature, rejects a flipped bit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COSE_ALGORITHMS, algorithmName, coseAlgorithm, webCryptoParams } from '../../src/webauthn/algorithms.js';
import { fromHex, toArrayBuffer, toHex } from '../../src/webauthn/bytes.js';
import { decodeCoseKey, encodeCoseKey } from '../../src/webauthn/cose.js';
import {
  derToRawSignature,
  parseDerSignature,
  rawToDerSignature,
  verifySignature,
} from '../../src/webauthn/signatures.js';

test('algorithm table names the required identifiers', () => {
  const names: Record<number, string> = {
    [-7]: 'ES256',
    [-35]: 'ES384',
    [-36]: 'ES512',
    [-8]: 'EdDSA',
    [-19]: 'Ed25519',
    [-257]: 'RS256',
    [-258]: 'RS384',
    [-259]: 'RS512',
    [-37]: 'PS256',
    [-38]: 'PS384',
    [-39]: 'PS512',
    [-65535]: 'RS1',
    [-47]: 'ES256K',
  };
  for (const [id, name] of Object.entries(names)) assert.equal(algorithmName(Number(id)), name);
  assert.equal(algorithmName(-1234), 'COSE -1234');
  assert.equal(coseAlgorithm(-47)!.verifyParams, undefined);
  assert.equal(webCryptoParams(-47, 8), undefined);
  assert.equal(webCryptoParams(-8, 7), undefined);
  assert.deepEqual(webCryptoParams(-8, 6)!.verifyParams, { name: 'Ed25519' });
  assert.equal((coseAlgorithm(-38)!.verifyParams as RsaPssParams).saltLength, 48);
  for (const a of Object.values(COSE_ALGORITHMS))
    assert.equal(a.importParams === undefined, a.verifyParams === undefined, a.name);
});

/** DER as X.690 spells it, built part by part: what the one-pass encoder must write byte for byte. */
function referenceDer(raw: Uint8Array): string {
  const integer = (v: Uint8Array) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const body = [...(v[i]! & 0x80 ? [0] : []), ...v.subarray(i)];
    return [0x02, body.length, ...body];
  };
  const half = raw.length / 2;
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  return toHex(Uint8Array.from([0x30, ...(body.length < 0x80 ? [] : [0x81]), body.length, ...body]));
}

test('DER ⇄ raw round-trips for 32, 48 and 66-byte coordinates, and raw → DER is exactly X.690’s encoding', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(32, 48, 66),
      fc.uint8Array({ minLength: 132, maxLength: 132 }),
      fc.nat(70),
      fc.nat(70),
      fc.boolean(),
      (size, bytes, zr, zs, high) => {
        const raw = bytes.slice(0, size * 2);
        raw.fill(0, 0, Math.min(zr, size)); // leading zeros shorten r, down to a zero r
        raw.fill(0, size, size + Math.min(zs, size)); // and s
        if (high) raw[0]! |= 0x80; // a top bit set needs a zero byte in front
        const der = rawToDerSignature(raw);
        assert.equal(toHex(der), referenceDer(raw));
        const back = derToRawSignature(der, size);
        assert.ok(back.ok);
        assert.equal(toHex(back.value), toHex(raw));
        assert.ok(parseDerSignature(der).ok);
      },
    ),
  );
  // An all-zero r and s are one zero byte each; P-521's top bits set need the long length form.
  assert.equal(toHex(rawToDerSignature(new Uint8Array(64))), '3006020100020100');
  assert.equal(toHex(rawToDerSignature(new Uint8Array(132).fill(0xff))).slice(0, 6), '30818a');
});

test('parseDerSignature shows r and s, and reports malformed DER with an offset', () => {
  const der = fromHex(
    '3046022100f50a4e2e4409249c4a853ba361282f09841df4dd4547a13a87780218deffcd380221008480ac0f0b93538174f575bf11a1dd5d78c6e486013f937295ea13653e331e87',
  );
  const p = parseDerSignature(der);
  assert.deepEqual(p, {
    ok: true,
    value: {
      r: 'f50a4e2e4409249c4a853ba361282f09841df4dd4547a13a87780218deffcd38',
      s: '8480ac0f0b93538174f575bf11a1dd5d78c6e486013f937295ea13653e331e87',
      rLength: 32,
      sLength: 32,
    },
  });
  const cases: Array<[string, RegExp]> = [
    ['', /not a DER SEQUENCE/],
    ['3100', /not a DER SEQUENCE/],
    ['3007020101020101', /claims 7 bytes/],
    ['30060201010201010000', /trailing bytes/],
    ['3006020181020101', /negative/],
    ['300702020001020101', /superfluous leading zero/],
    ['3003020101', /expected INTEGER/],
  ];
  for (const [hex, re] of cases) {
    const r = parseDerSignature(fromHex(hex));
    assert.equal(r.ok, false, hex);
    assert.match(!r.ok ? r.error.what : '', re, hex);
  }
  const tooBig = derToRawSignature(rawToDerSignature(new Uint8Array(96).fill(0xff)), 32);
  assert.equal(tooBig.ok, false);
});

interface Case {
  alg: number;
  gen: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  sign: Algorithm | EcdsaParams | RsaPssParams;
}
const rsa = (name: string, hash: string): RsaHashedKeyGenParams => ({
  name,
  hash,
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
});
const CASES: Case[] = [
  { alg: -7, gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  { alg: -35, gen: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } },
  { alg: -36, gen: { name: 'ECDSA', namedCurve: 'P-521' }, sign: { name: 'ECDSA', hash: 'SHA-512' } },
  { alg: -9, gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  { alg: -8, gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  { alg: -19, gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  { alg: -257, gen: rsa('RSASSA-PKCS1-v1_5', 'SHA-256'), sign: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: -258, gen: rsa('RSASSA-PKCS1-v1_5', 'SHA-384'), sign: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: -259, gen: rsa('RSASSA-PKCS1-v1_5', 'SHA-512'), sign: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: -65535, gen: rsa('RSASSA-PKCS1-v1_5', 'SHA-1'), sign: { name: 'RSASSA-PKCS1-v1_5' } },
  { alg: -37, gen: rsa('RSA-PSS', 'SHA-256'), sign: { name: 'RSA-PSS', saltLength: 32 } },
  { alg: -38, gen: rsa('RSA-PSS', 'SHA-384'), sign: { name: 'RSA-PSS', saltLength: 48 } },
  { alg: -39, gen: rsa('RSA-PSS', 'SHA-512'), sign: { name: 'RSA-PSS', saltLength: 64 } },
];

for (const c of CASES) {
  test(`self-made ${algorithmName(c.alg)} key: verifySignature accepts, rejects a flipped bit`, async () => {
    const pair = (await crypto.subtle.generateKey(c.gen, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const decoded = decodeCoseKey(encodeCoseKey(jwk, c.alg));
    assert.ok(decoded.ok, JSON.stringify(!decoded.ok && decoded.error));
    const key = decoded.value.key;
    assert.equal(key.alg, c.alg);
    const data = crypto.getRandomValues(new Uint8Array(100));
    let sig: Uint8Array = new Uint8Array(await crypto.subtle.sign(c.sign, pair.privateKey, toArrayBuffer(data)));
    if (c.gen.name === 'ECDSA') sig = rawToDerSignature(sig);
    assert.deepEqual(await verifySignature(key, c.alg, data, sig), { ok: true, value: true });
    const flipped = sig.slice();
    flipped[flipped.length - 1] ^= 0x01;
    assert.deepEqual(await verifySignature(key, c.alg, data, flipped), { ok: true, value: false });
    const otherData = data.slice();
    otherData[0] ^= 0x80;
    assert.deepEqual(await verifySignature(key, c.alg, otherData, sig), { ok: true, value: false });
  });
}

test('verifySignature explains what it cannot check', async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const key = decodeCoseKey(encodeCoseKey(await crypto.subtle.exportKey('jwk', pair.publicKey), -7));
  assert.ok(key.ok);
  const k = key.value.key;
  const cases: Array<[number, Uint8Array, RegExp]> = [
    [-1234, new Uint8Array(70), /unknown COSE algorithm -1234/],
    [-35, new Uint8Array(70), /ES384 needs curve P-384/],
    [-257, new Uint8Array(70), /RS256 needs a RSA key/],
    [-7, new Uint8Array(64), /signature: .*not a DER SEQUENCE/],
  ];
  for (const [alg, sig, re] of cases) {
    const r = await verifySignature(k, alg, new Uint8Array(1), sig);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.what : '', re);
  }
  // A point off the curve: WebCrypto refuses the key, reported as an error.
  const off = { ...k, y: k.y!.slice() };
  off.y[0] ^= 1;
  const r = await verifySignature(off, -7, new Uint8Array(1), rawToDerSignature(new Uint8Array(64).fill(1)));
  assert.equal(r.ok, false);
});
