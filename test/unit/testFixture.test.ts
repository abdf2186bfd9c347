// "Copy as test fixture": a recorded registration and sign-in (the mock's, in Node) become the arguments
// @simplewebauthn/server's verify functions take, and that library verifies both from the fixture alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { testFixtureOf } from '../../src/webauthn/testFixture.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { challenge, creationOptions, ctx, makeAuthenticator, ORIGIN, profile, RP_ID } from './authenticatorSetup.js';

const record = (kind: 'create' | 'get', options: object, response: unknown, startTime: number): CeremonyRecord =>
  ({
    id: `r${startTime}`,
    kind,
    mode: 'mock',
    status: 'ok',
    origin: ORIGIN,
    url: `${ORIGIN}/`,
    crossOrigin: false,
    topLevel: true,
    startTime,
    options,
    response,
  }) as CeremonyRecord;

test('a recorded registration and sign-in, as fixtures, verify with @simplewebauthn/server', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const createOptions = creationOptions({ authenticatorSelection: { userVerification: 'required' } });
  const reg = await auth.create(createOptions, ctx(p));
  const getOptions = { challenge: challenge(), rpId: RP_ID, allowCredentials: [{ type: 'public-key', id: reg.id }] };
  const first = await auth.get(getOptions, ctx(p));
  const secondOptions = { ...getOptions, challenge: challenge() };
  const second = await auth.get(secondOptions, ctx(p));
  const log = [
    record('create', createOptions, reg, 1),
    record('get', getOptions, first, 2),
    record('get', secondOptions, second, 3),
  ];

  const r = testFixtureOf(log[0]!, log);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.verify, 'verifyRegistrationResponse');
  assert.deepEqual(
    [r.value.expectedChallenge, r.value.expectedOrigin, r.value.expectedRPID, r.value.requireUserVerification],
    [createOptions.challenge, ORIGIN, RP_ID, true],
  );
  // Through JSON, as a developer pastes it into a test.
  const regFixture = JSON.parse(JSON.stringify(r.value)) as typeof r.value;
  const v = await verifyRegistrationResponse({ ...regFixture, response: regFixture.response as never });
  assert.equal(v.verified, true);

  const a = testFixtureOf(log[2]!, log);
  assert.ok(a.ok, JSON.stringify(a));
  const f = JSON.parse(JSON.stringify(a.value)) as typeof a.value;
  assert.equal(f.credential?.id, reg.id);
  const countOf = (x: typeof first) => Buffer.from(x.response.authenticatorData, 'base64url').readUInt32BE(33);
  assert.equal(f.credential?.counter, countOf(first), 'the sign count the RP stored after the first sign-in');
  const va = await verifyAuthenticationResponse({
    response: f.response as never,
    expectedChallenge: f.expectedChallenge,
    expectedOrigin: f.expectedOrigin,
    expectedRPID: f.expectedRPID,
    requireUserVerification: f.requireUserVerification,
    credential: {
      ...f.credential!,
      publicKey: new Uint8Array(Buffer.from(f.credential!.publicKey, 'base64url')),
    } as never,
  });
  assert.equal(va.verified, true);
  assert.equal(va.authenticationInfo.newCounter, countOf(second));
});

test('what cannot make a fixture says why, and never throws', () => {
  assert.equal(testFixtureOf({ kind: 'isConditionalMediationAvailable' } as CeremonyRecord).ok, false);
  const pending = record('get', { challenge: 'AAAA' }, undefined, 1);
  const r = testFixtureOf(pending);
  assert.ok(!r.ok && /no response/.test(r.error.what));
  assert.doesNotThrow(() => testFixtureOf(null as never));
});
