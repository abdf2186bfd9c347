// "Copy as test fixture": a recorded ceremony as the arguments @simplewebauthn/server's
// verifyRegistrationResponse / verifyAuthenticationResponse take (response, expected challenge, origin and
// RP ID), so that a developer reproduces a failing sign-up or sign-in in a server unit test. A sign-in also
// carries the credential from the registration earlier in the log, when there is one (its public key as
// base64url COSE: the test turns it into bytes for `credential.publicKey`).
import { toBase64url } from './base64url.js';
import { parseCeremony } from './parsedCeremony.js';
import type { PublicKeyCredentialJSON } from './json.js';
import type { CeremonyRecord } from './record.js';
import { fail, ok, type Decoded } from './result.js';

export interface TestFixture {
  /** Which verify…Response function takes it. */
  verify: 'verifyRegistrationResponse' | 'verifyAuthenticationResponse';
  response: PublicKeyCredentialJSON;
  expectedChallenge: string;
  expectedOrigin: string;
  expectedRPID: string;
  requireUserVerification: boolean;
  /** Sign-in only: the credential as registered earlier in the log, for verifyAuthenticationResponse. */
  credential?: { id: string; publicKey: string; counter: number; transports?: string[] };
}

export function testFixtureOf(record: CeremonyRecord, log: readonly CeremonyRecord[] = []): Decoded<TestFixture> {
  const c = parseCeremony(record);
  if (!c) return fail('only a create() or get() makes a test fixture');
  if (!record.response) return fail('the ceremony has no response (it failed or is pending)');
  if (!c.challenge) return fail('the options have no challenge');
  if (!c.rpId) return fail('the RP ID is unknown');
  const uv = c.kind === 'create' ? c.create?.authenticatorSelection?.userVerification : c.get?.userVerification;
  const fixture: TestFixture = {
    verify: c.kind === 'create' ? 'verifyRegistrationResponse' : 'verifyAuthenticationResponse',
    response: record.response,
    expectedChallenge: c.challenge,
    expectedOrigin: record.origin,
    expectedRPID: c.rpId,
    requireUserVerification: uv === 'required',
  };
  if (c.kind === 'get') {
    // The registration that made this credential, and the sign count the RP would have stored before this one.
    let registered: TestFixture['credential'];
    for (const r of log) {
      if (r === record || r.startTime > record.startTime) continue;
      const p = parseCeremony(r);
      const at = p?.authData?.attestedCredentialData;
      if (p?.kind === 'create' && at && p.credentialId && p.credentialId === c.credentialId) {
        const transports = (r.response?.response as { transports?: unknown } | undefined)?.transports;
        registered = {
          id: p.credentialId,
          publicKey: toBase64url(at.credentialPublicKeyBytes),
          counter: p.authData!.signCount,
          ...(Array.isArray(transports) ? { transports: transports.filter((t) => typeof t === 'string') } : {}),
        };
      } else if (registered && p?.kind === 'get' && p.credentialId === c.credentialId && p.authData) {
        registered.counter = p.authData.signCount;
      }
    }
    if (registered) fixture.credential = registered;
  }
  return ok(fixture);
}
