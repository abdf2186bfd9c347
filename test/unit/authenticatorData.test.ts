// Authenticator data: precise errors at byte offsets, the flags table, extensions, and the checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticatorDataChecks, decodeAuthenticatorData } from '../../src/webauthn/authenticatorData.js';
import { AUTHENTICATOR_FLAGS, describeFlags, flagNames } from '../../src/webauthn/authenticatorFlags.js';
import { concatBytes, fromHex, sha256, toHex } from '../../src/webauthn/bytes.js';

const COSE = fromHex(
  'a5010203262001215820afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df61225820930a56b87a2fca66334b03458abf879717c12cc68ed73290af2e2664796b9220',
);
const rpIdHash = await sha256(new TextEncoder().encode('example.org'));

function authData(flags: number, ...rest: Uint8Array[]): Uint8Array {
  return concatBytes(rpIdHash, new Uint8Array([flags, 0, 0, 1, 2]), ...rest);
}
const acd = (credId = new Uint8Array([1, 2, 3]), key = COSE): Uint8Array =>
  concatBytes(new Uint8Array(16).fill(0xaa), new Uint8Array([credId.length >> 8, credId.length & 0xff]), credId, key);

function error(bytes: Uint8Array): { what: string; offset?: number; path?: string } {
  const r = decodeAuthenticatorData(bytes);
  assert.equal(r.ok, false);
  return !r.ok ? r.error : { what: '' };
}

test('the flags table has all eight bits, in order', () => {
  assert.deepEqual(
    AUTHENTICATOR_FLAGS.map((f) => f.name),
    ['UP', 'RFU1', 'UV', 'BE', 'BS', 'RFU2', 'AT', 'ED'],
  );
  assert.deepEqual(
    AUTHENTICATOR_FLAGS.map((f) => f.mask),
    [1, 2, 4, 8, 16, 32, 64, 128],
  );
  assert.equal(flagNames(0x5d), 'UP UV BE BS AT');
  assert.deepEqual(
    describeFlags(0x05)
      .filter((f) => f.set)
      .map((f) => f.name),
    ['UP', 'UV'],
  );
});

test('a short buffer: "authenticatorData is 30 bytes; at least 37 needed"', () => {
  assert.deepEqual(error(new Uint8Array(30)), {
    what: 'authenticatorData is 30 bytes; at least 37 needed',
    offset: 30,
  });
});

test('minimal assertion authenticator data', () => {
  const r = decodeAuthenticatorData(authData(0x05));
  assert.ok(r.ok);
  assert.equal(r.value.signCount, 0x102);
  assert.equal(r.value.flags.UP && r.value.flags.UV, true);
  assert.equal(toHex(r.value.rpIdHash), toHex(rpIdHash));
});

test('AT set but no attested credential data', () => {
  const e = error(authData(0x41));
  assert.match(e.what, /flags.AT is set but attested credential data is missing/);
  assert.equal(e.offset, 37);
});

test('credentialIdLength larger than what follows', () => {
  const e = error(authData(0x41, new Uint8Array(16), new Uint8Array([0x01, 0x00]), new Uint8Array(10)));
  assert.equal(e.what, 'credentialIdLength is 256 but only 10 bytes follow');
  assert.equal(e.offset, 53);
});

test('a broken credential public key is reported at its offset inside authenticator data', () => {
  const e = error(authData(0x41, acd(new Uint8Array(3), COSE.subarray(0, 40))));
  assert.equal(e.path, 'attestedCredentialData.credentialPublicKey');
  assert.ok(e.offset! >= 37 + 16 + 2 + 3, String(e.offset));
});

test('ED set but nothing follows', () => {
  assert.deepEqual(error(authData(0x85)), {
    what: 'flags.ED is set but no extension data follows',
    offset: 37,
    path: 'extensions',
  });
});

test('trailing bytes: count and offset', () => {
  assert.equal(
    error(authData(0x01, new Uint8Array(4))).what,
    'trailing 4 bytes at offset 37 (flags AT and ED are clear)',
  );
  const e = error(authData(0x41, acd(), new Uint8Array([0xa0])));
  assert.equal(e.what, `trailing 1 bytes at offset ${37 + 18 + 3 + COSE.length} (flag ED is clear)`);
});

test('attested credential data and extensions decode together', () => {
  const ext = fromHex('a26b6372656450726f74656374026763726564426962' + '4401020304'); // {"credProtect": 2, "credBib": h'01020304'}
  const r = decodeAuthenticatorData(authData(0xc5, acd(), ext));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.attestedCredentialData!.aaguid, 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa');
  assert.equal(toHex(r.value.attestedCredentialData!.credentialId), '010203');
  assert.equal(r.value.attestedCredentialData!.credentialPublicKeyBytes.length, COSE.length);
  assert.deepEqual(r.value.extensions!.value, { credProtect: 2, credBib: "h'01020304'" });
  assert.equal(r.value.extensions!.offset, 37 + 18 + 3 + COSE.length);
  assert.equal(toHex(r.value.extensions!.bytes), toHex(ext));
  const notMap = error(authData(0x81, fromHex('820102')));
  assert.equal(notMap.what, 'extension data is not a CBOR map');
});

test('checks: BS without BE is invalid; UP clear fails; UV required; wrong RP ID', async () => {
  const get = async (flags: number, opts = {}) => {
    const r = decodeAuthenticatorData(authData(flags));
    assert.ok(r.ok);
    return Object.fromEntries(
      (await authenticatorDataChecks(r.value, 'example.org', opts)).map((c) => [c.id, c.status]),
    );
  };
  assert.equal((await get(0x11))['authData.flags.BS'], 'fail');
  assert.equal((await get(0x19))['authData.flags.BS'], 'pass');
  assert.equal((await get(0x04))['authData.flags.UP'], 'fail');
  assert.equal((await get(0x04, { conditionalCreate: true }))['authData.flags.UP'], 'info');
  assert.equal((await get(0x01, { userVerificationRequired: true }))['authData.flags.UV'], 'fail');
  assert.equal((await get(0x05, { userVerificationRequired: true }))['authData.flags.UV'], 'pass');
  assert.equal((await get(0x03))['authData.flags.RFU'], 'warn');
  assert.equal((await get(0x01, { ceremony: 'create' }))['authData.flags.AT'], 'fail');
  assert.equal((await get(0x09, { registeredBackupEligibility: false }))['authData.flags.BE'], 'fail');
  assert.equal((await get(0x01))['authData.rpIdHash'], 'pass');
  const r = decodeAuthenticatorData(authData(0x01));
  assert.ok(r.ok);
  const wrong = await authenticatorDataChecks(r.value, 'example.com');
  assert.equal(wrong.find((c) => c.id === 'authData.rpIdHash')!.status, 'fail');
});
