// clientDataJSON: decoding, key order, and the checks against the ceremony.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientDataChecks, decodeClientData } from '../../src/webauthn/clientData.js';
import { serializeClientData } from '../../src/webauthn/clientDataSerialize.js';

const enc = (s: string) => new TextEncoder().encode(s);
const statuses = (json: string, x: Parameters<typeof clientDataChecks>[1]) => {
  const cd = decodeClientData(enc(json));
  assert.ok(cd.ok, JSON.stringify(!cd.ok && cd.error));
  return Object.fromEntries(clientDataChecks(cd.value, x).map((c) => [c.id, c.status]));
};
const base = { ceremony: 'get' as const, expectedChallenge: 'Y2hhbGxlbmdl', origin: 'https://a.example' };

test('browser-exact client data passes every check', () => {
  const json = serializeClientData({
    type: 'webauthn.get',
    challenge: 'Y2hhbGxlbmdl',
    origin: 'https://a.example',
    crossOrigin: false,
  });
  const s = statuses(json, { ...base, crossOrigin: false });
  assert.deepEqual(
    Object.values(s).filter((x) => x !== 'pass'),
    [],
  );
});

test('decodes every member, keeps unknown ones and the key order (integer-like keys too)', () => {
  const cd = decodeClientData(
    enc(
      '{"type":"webauthn.create","challenge":"AA","origin":"https://b","crossOrigin":true,"topOrigin":"https://t","tokenBinding":{"status":"present","id":"x"},"zz":1,"10":"ten"}',
    ),
  );
  assert.ok(cd.ok);
  assert.deepEqual(cd.value.keyOrder, [
    'type',
    'challenge',
    'origin',
    'crossOrigin',
    'topOrigin',
    'tokenBinding',
    'zz',
    '10',
  ]);
  assert.deepEqual(cd.value.other, { zz: 1, 10: 'ten' });
  assert.equal(cd.value.tokenBinding!.status, 'present');
  assert.equal(cd.value.topOrigin, 'https://t');
});

test('sorted keys (a known passkey-provider bug) warn', () => {
  const s = statuses(
    '{"challenge":"Y2hhbGxlbmdl","crossOrigin":false,"origin":"https://a.example","type":"webauthn.get"}',
    base,
  );
  assert.equal(s['clientData.serialization'], 'warn');
  assert.equal(s['clientData.type'], 'pass');
});

test("whitespace or escapes differing from the browsers' bytes warn", () => {
  const s = statuses(
    '{"type": "webauthn.get","challenge":"Y2hhbGxlbmdl","origin":"https://a.example","crossOrigin":false}',
    base,
  );
  assert.equal(s['clientData.serialization'], 'warn');
});

test('mismatches fail: type, challenge, origin, crossOrigin, topOrigin', () => {
  const json = serializeClientData({
    type: 'webauthn.create',
    challenge: 'b3RoZXI',
    origin: 'https://evil.example',
    crossOrigin: true,
    topOrigin: 'https://top',
  });
  const s = statuses(json, { ...base, crossOrigin: false, topOrigin: 'https://other-top' });
  for (const id of [
    'clientData.type',
    'clientData.challenge',
    'clientData.origin',
    'clientData.crossOrigin',
    'clientData.topOrigin',
  ]) {
    assert.equal(s[id], 'fail', id);
  }
});

test('padded challenge with the same bytes warns instead of failing', () => {
  const s = statuses(
    serializeClientData({
      type: 'webauthn.get',
      challenge: 'Y2hhbGxlbmdl',
      origin: 'https://a.example',
      crossOrigin: false,
    }),
    { ...base, expectedChallenge: 'Y2hhbGxlbmdl==' },
  );
  assert.equal(s['clientData.challenge'], 'warn');
});

test('topOrigin without crossOrigin fails; missing crossOrigin warns; duplicate keys fail', () => {
  assert.equal(
    statuses(
      '{"type":"webauthn.get","challenge":"Y2hhbGxlbmdl","origin":"https://a.example","crossOrigin":false,"topOrigin":"https://t"}',
      base,
    )['clientData.topOrigin'],
    'fail',
  );
  assert.equal(
    statuses('{"type":"webauthn.get","challenge":"Y2hhbGxlbmdl","origin":"https://a.example"}', base)[
      'clientData.crossOrigin'
    ],
    'warn',
  );
  assert.equal(
    statuses(
      '{"type":"webauthn.get","type":"webauthn.get","challenge":"Y2hhbGxlbmdl","origin":"https://a.example","crossOrigin":false}',
      base,
    )['clientData.duplicateKeys'],
    'fail',
  );
});

test('structural errors are Decoded errors', () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [new Uint8Array([0xff, 0xfe]), /not valid UTF-8/],
    [enc('{"type":'), /not JSON/],
    [enc('[1]'), /not a JSON object/],
    [enc('{"type":"webauthn.get","origin":"x"}'), /no "challenge"/],
    [enc('{"type":1,"challenge":"a","origin":"x"}'), /"type" is number/],
    [enc('{"type":"webauthn.get","challenge":"a","origin":"x","crossOrigin":"yes"}'), /crossOrigin/],
  ];
  for (const [bytes, re] of cases) {
    const r = decodeClientData(bytes);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.what : '', re);
  }
});
