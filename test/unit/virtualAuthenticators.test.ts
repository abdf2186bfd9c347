// Virtual authenticators as the specification's Automation section names them: option and credential
// fields checked one by one (the error names the field), the profile each one is, and which of several
// takes a ceremony.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseVirtualAuthenticator,
  parseAuthenticatorOptions,
  parseCredentialProperties,
  parseVirtualCredential,
  touchedButIncapable,
  virtualProfile,
  type VirtualAuthenticator,
} from '../../src/authenticator/virtualAuthenticators.js';

test('options: defaults as the specification gives them; unknown fields and bad values name the field', () => {
  const o = parseAuthenticatorOptions({ protocol: 'ctap2', transport: 'usb' });
  assert.deepEqual(
    [o.hasResidentKey, o.hasUserVerification, o.isUserConsenting, o.isUserVerified, o.extensions],
    [false, false, true, false, []],
  );
  const bad: Array<[unknown, RegExp]> = [
    [{ transport: 'usb' }, /options\.protocol: is required/],
    [{ protocol: 'ctap3', transport: 'usb' }, /options\.protocol: must be one of ctap2, ctap2_1, ctap1\/u2f/],
    [{ protocol: 'ctap2', transport: 'usb', hasResidentKey: 'yes' }, /options\.hasResidentKey: must be a boolean/],
    [{ protocol: 'ctap2', transport: 'usb', extensions: ['prf', 'telepathy'] }, /options\.extensions: \[1\]/],
    [{ protocol: 'ctap2', transport: 'usb', colour: 'red' }, /options\.colour: is not a known field/],
    [{ protocol: 'ctap2', transport: 'usb', aaguid: 'not-a-uuid' }, /options\.aaguid: must be a UUID/],
    [{ protocol: 'ctap2', transport: 'usb', defaultBackupState: true }, /defaultBackupState: needs/],
    ['ctap2', /options: must be an object/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseAuthenticatorOptions(input), message);
});

test('credentials and properties: required fields, base64url, a resident credential needs its user handle', () => {
  const good = {
    credentialId: 'AAEC',
    isResidentCredential: false,
    rpId: 'example.org',
    privateKey: 'AAEC',
    signCount: 0,
  };
  assert.deepEqual(parseVirtualCredential(good), good);
  assert.throws(() => parseVirtualCredential({ ...good, credentialId: 'not base64url!' }), /credential\.credentialId/);
  assert.throws(() => parseVirtualCredential({ ...good, isResidentCredential: true }), /credential\.userHandle/);
  assert.throws(() => parseVirtualCredential({ ...good, signCount: -1 }), /credential\.signCount/);
  assert.throws(() => parseVirtualCredential({ ...good, rpId: '' }), /credential\.rpId: is empty/);
  assert.deepEqual(parseCredentialProperties({ signCount: 5 }), { signCount: 5 });
  assert.throws(() => parseCredentialProperties({ backupState: 1 }), /properties\.backupState/);
});

test('the profile: platform for internal, UV only when verified, u2f without resident keys or extensions', () => {
  const p = virtualProfile(
    'va-1',
    parseAuthenticatorOptions({
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      extensions: ['prf'],
    }),
  );
  assert.deepEqual(
    [p.attachment, p.residentKeys, p.userVerification, p.extensions.prf],
    ['platform', true, false, true],
  );
  const u2f = virtualProfile(
    'va-2',
    parseAuthenticatorOptions({ protocol: 'ctap1/u2f', transport: 'usb', hasResidentKey: true, extensions: ['prf'] }),
  );
  assert.deepEqual([u2f.residentKeys, u2f.extensions.prf, u2f.algorithms], [false, false, [-7]]);
});

test('several authenticators: the first that can take the ceremony, hints first, the holder for get()', () => {
  const va = (authenticatorId: string, o: object): VirtualAuthenticator => ({
    authenticatorId,
    options: parseAuthenticatorOptions({ protocol: 'ctap2', ...o }),
  });
  const list = [
    va('plain', { transport: 'usb' }),
    va('resident', { transport: 'nfc', hasResidentKey: true }),
    va('platform', { transport: 'internal', hasResidentKey: true, hasUserVerification: true }),
  ];
  const pick = (kind: 'create' | 'get', o: object, holds?: (id: string) => boolean) =>
    chooseVirtualAuthenticator(list, kind, o, holds)?.authenticatorId;
  assert.equal(pick('create', {}), 'plain');
  assert.equal(pick('create', { authenticatorSelection: { residentKey: 'required' } }), 'resident');
  assert.equal(pick('create', { authenticatorSelection: { userVerification: 'required' } }), 'platform');
  assert.equal(pick('create', { authenticatorSelection: { authenticatorAttachment: 'platform' } }), 'platform');
  assert.equal(pick('create', { hints: ['client-device'] }), 'platform');
  assert.equal(pick('get', {}), 'resident', 'a discoverable get needs resident keys');
  assert.equal(
    pick('get', { allowCredentials: [{ id: 'x' }] }, (id) => id === 'platform'),
    'platform',
  );
  assert.equal(
    chooseVirtualAuthenticator([list[0]!], 'create', { authenticatorSelection: { residentKey: 'required' } }),
    undefined,
  );
});

test('none can answer: one the user touches and that lacks what the RP requires fails at once, as in Chromium', () => {
  const va = (authenticatorId: string, o: object): VirtualAuthenticator => ({
    authenticatorId,
    options: parseAuthenticatorOptions({ transport: 'usb', ...o }),
  });
  const u2f = va('u2f', { protocol: 'ctap1/u2f' });
  const idle = va('idle', { protocol: 'ctap2', isUserConsenting: false });
  const rk = { authenticatorSelection: { residentKey: 'required' } };
  assert.equal(touchedButIncapable([u2f], 'create', rk)?.authenticatorId, 'u2f');
  assert.equal(touchedButIncapable([u2f], 'get', { userVerification: 'required' })?.authenticatorId, 'u2f');
  assert.equal(touchedButIncapable([idle], 'create', rk), undefined, 'nobody touches it: the browser waits');
  const platformOnly = { authenticatorSelection: { authenticatorAttachment: 'platform', residentKey: 'required' } };
  assert.equal(touchedButIncapable([u2f], 'create', platformOnly), undefined, 'never offered: the browser waits');
});
