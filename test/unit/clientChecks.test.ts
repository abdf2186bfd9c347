// The client's part between the browser's WebIDL conversion and the authenticator: primitive members
// converted as WebIDL converts them, then Chromium's checks in its order, each with Chromium's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCreationOptions, convertRequestOptions, unsignedLong } from '../../src/authenticator/idlConversion.js';
import { checkCreationClient, checkRequestClient } from '../../src/authenticator/clientChecks.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { challenge, creationOptions, ctx, makeAuthenticator, profile } from './authenticatorSetup.js';

const id = (n: number, fill = 1) => toBase64url(new Uint8Array(n).fill(fill));

test('WebIDL conversions: long, unsigned long, boolean and DOMString members; BufferSources untouched', () => {
  const converted = convertCreationOptions({
    rp: { id: 'localhost', name: 7 },
    user: { id: 'AQID', name: true, displayName: null },
    challenge: 'AAAA',
    pubKeyCredParams: [
      { type: 'public-key', alg: '-7' },
      { type: 'public-key', alg: 'x' },
      { type: 'public-key', alg: 2 ** 32 - 7 },
    ],
    timeout: 'soon',
    authenticatorSelection: { requireResidentKey: 'no', residentKey: 3 },
    excludeCredentials: [{ type: 'public-key', id: 'AQID', transports: [1] }],
    extensions: { credProps: 1, largeBlob: { read: '' }, unknown: { keep: 'me' } },
  });
  assert.deepEqual(converted, {
    rp: { id: 'localhost', name: '7' },
    user: { id: 'AQID', name: 'true', displayName: 'null' },
    challenge: 'AAAA',
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: 0 },
      { type: 'public-key', alg: -7 },
    ],
    timeout: 0,
    authenticatorSelection: { requireResidentKey: true, residentKey: '3' },
    excludeCredentials: [{ type: 'public-key', id: 'AQID', transports: ['1'] }],
    extensions: { credProps: true, largeBlob: { read: false }, unknown: { keep: 'me' } },
  });
  assert.deepEqual(convertRequestOptions({ challenge: 'AAAA', timeout: -1, rpId: null, userVerification: 5 }), {
    challenge: 'AAAA',
    timeout: 2 ** 32 - 1,
    rpId: 'null',
    userVerification: '5',
  });
  assert.deepEqual([unsignedLong(1.9), unsignedLong(Infinity), unsignedLong('12')], [1, 0, 12]);
});

const throwsAs = (f: () => void, name: string, message: RegExp) =>
  assert.throws(
    f,
    (e: Error) => e.name === name && message.test(e.message) && (name === 'TypeError') !== e instanceof DOMException,
  );

test("Chromium's client checks, with its exception names and messages", () => {
  const descriptors = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'public-key', id: id(16, i) }));
  const create = (extra: object) => () => checkCreationClient({ user: { id: id(8) }, ...extra });
  const get = (extra: object) => () => checkRequestClient({ challenge: id(32), ...extra });
  throwsAs(create({ excludeCredentials: descriptors(65) }), 'RangeError', /excludeCredentials.*\(64\)/);
  create({ excludeCredentials: descriptors(64) })();
  throwsAs(create({ extensions: { appid: 'https://localhost' } }), 'NotSupportedError', /'appid'/);
  throwsAs(create({ extensions: { appidExclude: 'not a url' } }), 'SyntaxError', /appidExclude/);
  create({ extensions: { appidExclude: '' } })();
  throwsAs(create({ extensions: { largeBlob: { read: false } } }), 'NotSupportedError', /'read'/);
  throwsAs(create({ extensions: { largeBlob: { write: id(4) } } }), 'NotSupportedError', /'write'/);
  throwsAs(create({ extensions: { prf: { evalByCredential: {} } } }), 'NotSupportedError', /evalByCredential/);
  throwsAs(create({ user: { id: id(65) } }), 'TypeError', /64 bytes/);
  throwsAs(get({ allowCredentials: descriptors(65) }), 'RangeError', /allowCredentials.*\(64\)/);
  throwsAs(get({ extensions: { appid: 'not a url' } }), 'SyntaxError', /appid/);
  throwsAs(get({ extensions: { credProps: true } }), 'NotSupportedError', /credProps/);
  get({ extensions: { credProps: false } })();
  throwsAs(get({ extensions: { largeBlob: { support: 'required' } } }), 'NotSupportedError', /'support'/);
  throwsAs(get({ extensions: { largeBlob: { write: id(2049) } } }), 'NotSupportedError', /2kb/);
  const prf = { evalByCredential: { [id(16)]: { first: id(32) } } };
  throwsAs(get({ extensions: { prf } }), 'NotSupportedError', /empty allow list/);
  throwsAs(
    get({ allowCredentials: descriptors(1), extensions: { prf: { evalByCredential: { 'not base64!': {} } } } }),
    'SyntaxError',
    /base64url/,
  );
  // The first failing check wins, in Chromium's order.
  throwsAs(create({ excludeCredentials: descriptors(65), user: { id: id(65) } }), 'RangeError', /exclude/);
});

test('the authenticator converts before it checks: a "-7" alg registers ES256, a "soon" timeout is 0', async () => {
  const auth = await makeAuthenticator();
  const reg = await auth.create(
    creationOptions({ pubKeyCredParams: [{ type: 'public-key', alg: '-7' }], timeout: 'soon', challenge: challenge() }),
    ctx(profile('security-key')),
  );
  assert.equal(reg.response.publicKeyAlgorithm, -7);
});
