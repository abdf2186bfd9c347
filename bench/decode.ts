// decodeCeremony throughput (ceremonies per second) against @simplewebauthn/server's verifyRegistrationResponse
// and verifyAuthenticationResponse on the same bytes: the spec's packed ES256 vector (x5c; CBOR, COSE,
// certificate, two signature checks) and its assertion (one signature check). decodeCeremony does more than
// the library (every check, the certificate's fields, the panel's views), so a ratio of 1.0 is the bar.
// The two run in alternating slices, so drift in the machine's load hits both alike. Each call gets a fresh copy
// of the record: nothing parsed for one call is reused by the next, except the registered key of the context.
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { toBase64url } from '../src/webauthn/base64url.js';
import { fromHex } from '../src/webauthn/bytes.js';
import { decodeCeremony, decodeLog, learn, newDecodeContext } from '../src/webauthn/index.js';
import type { CeremonyRecord } from '../src/webauthn/record.js';
import { SPEC_ORIGIN, SPEC_RP_ID, packedEs256 } from '../test/fixtures/spec-vectors.js';

const b64 = (hex: string) => toBase64url(fromHex(hex));
const where = {
  origin: SPEC_ORIGIN,
  url: `${SPEC_ORIGIN}/`,
  crossOrigin: false,
  topLevel: true,
  mode: 'native' as const,
  status: 'ok' as const,
};
const credId = b64(packedEs256.registration.credential_id);
const registrationResponse = {
  id: credId,
  rawId: credId,
  type: 'public-key' as const,
  clientExtensionResults: {},
  response: {
    clientDataJSON: b64(packedEs256.registration.clientDataJSON),
    attestationObject: b64(packedEs256.registration.attestationObject),
  },
};
const authenticationResponse = {
  id: credId,
  rawId: credId,
  type: 'public-key' as const,
  clientExtensionResults: {},
  response: {
    clientDataJSON: b64(packedEs256.authentication.clientDataJSON),
    authenticatorData: b64(packedEs256.authentication.authenticatorData),
    signature: b64(packedEs256.authentication.signature),
  },
};
const registration: CeremonyRecord = {
  ...where,
  id: 'r',
  kind: 'create',
  startTime: 0,
  endTime: 1,
  options: {
    rp: { id: SPEC_RP_ID, name: 'Example' },
    user: { id: 'dXNlcg', name: 'user', displayName: 'User' },
    challenge: b64(packedEs256.registration.challenge),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    attestation: 'direct',
  },
  response: registrationResponse,
};
const authentication: CeremonyRecord = {
  ...where,
  id: 'a',
  kind: 'get',
  startTime: 2,
  endTime: 3,
  options: { challenge: b64(packedEs256.authentication.challenge), rpId: SPEC_RP_ID },
  response: authenticationResponse,
};

const expected = { expectedOrigin: SPEC_ORIGIN, expectedRPID: SPEC_RP_ID, requireUserVerification: false };
const SLICES = 10;
const SLICE_MS = 300;

/** Runs each function in turn for SLICE_MS, SLICES times; calls per second of each over all its slices. */
async function alternate(fns: Array<() => Promise<unknown>>): Promise<number[]> {
  for (const f of fns) for (let i = 0; i < 20; i++) await f();
  const counts = fns.map(() => 0);
  const times = fns.map(() => 0);
  for (let s = 0; s < SLICES; s++) {
    for (const [i, f] of fns.entries()) {
      const start = performance.now();
      while (performance.now() - start < SLICE_MS) {
        await f();
        counts[i]!++;
      }
      times[i]! += performance.now() - start;
    }
  }
  return counts.map((n, i) => n / (times[i]! / 1000));
}

export async function run(): Promise<object> {
  const [reg] = await decodeLog([registration]);
  const ctx = newDecodeContext();
  learn(ctx, reg!);
  const verifiedRegistration = await verifyRegistrationResponse({
    response: registrationResponse,
    expectedChallenge: b64(packedEs256.registration.challenge),
    ...expected,
  });
  if (!verifiedRegistration.verified) throw new Error('the library does not verify the registration vector');
  const credential = { ...verifiedRegistration.registrationInfo!.credential, counter: 0 };

  const pairs = {
    registration: [
      () => decodeCeremony(structuredClone(registration)),
      () =>
        verifyRegistrationResponse({
          response: registrationResponse,
          expectedChallenge: b64(packedEs256.registration.challenge),
          ...expected,
        }),
    ],
    authentication: [
      () => decodeCeremony(structuredClone(authentication), ctx),
      () =>
        verifyAuthenticationResponse({
          response: authenticationResponse,
          expectedChallenge: b64(packedEs256.authentication.challenge),
          credential,
          ...expected,
        }),
    ],
  };
  const figures: Record<string, unknown> = {};
  for (const [name, fns] of Object.entries(pairs)) {
    const [ours, library] = await alternate(fns);
    figures[name] = {
      decodeCeremonyPerSecond: Math.round(ours!),
      simpleWebAuthnVerifyPerSecond: Math.round(library!),
      ratioDecodeToSimpleWebAuthn: Number((ours! / library!).toFixed(2)),
      microsecondsPerCeremony: Number((1e6 / ours!).toFixed(1)),
    };
  }
  return figures;
}
