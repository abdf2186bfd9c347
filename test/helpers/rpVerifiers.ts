// Two relying-party libraries judging the same browser-made ceremony: @simplewebauthn/server always, and
// fido2-lib for the algorithms it can verify (ES256, RS256: its PEM importer mis-handles P-384/P-521).
import { Fido2Lib } from 'fido2-lib';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';

export interface CeremonyPair {
  reg: { id: string; rawId: string; response: { clientDataJSON: string; attestationObject: string } };
  auth: {
    id: string;
    rawId: string;
    response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string | null };
  };
  regChallenge: string;
  authChallenge: string;
  origin: string;
  rpId: string;
  alg: number;
  requireUV: boolean;
}

export const FIDO2_LIB_ALGORITHMS = [-7, -257];
const ab = (b64: string): ArrayBuffer => {
  const b = Buffer.from(b64, 'base64url');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};

/** Which libraries verified both ceremonies; throws with the library's message when one refuses. */
export async function verifyWithRpLibraries(c: CeremonyPair): Promise<string[]> {
  const v = await verifyRegistrationResponse({
    response: c.reg as never,
    expectedChallenge: c.regChallenge,
    expectedOrigin: c.origin,
    expectedRPID: c.rpId,
    supportedAlgorithmIDs: [c.alg],
    requireUserVerification: c.requireUV,
  });
  if (!v.verified || !v.registrationInfo) throw new Error('simplewebauthn: registration not verified');
  const a = await verifyAuthenticationResponse({
    response: c.auth as never,
    expectedChallenge: c.authChallenge,
    expectedOrigin: c.origin,
    expectedRPID: c.rpId,
    requireUserVerification: c.requireUV,
    credential: v.registrationInfo.credential,
  });
  if (!a.verified) throw new Error('simplewebauthn: assertion not verified');
  const verified = ['@simplewebauthn/server'];
  if (!FIDO2_LIB_ALGORITHMS.includes(c.alg)) return verified;

  const f2l = new Fido2Lib({
    rpId: c.rpId,
    rpName: 'Test RP',
    cryptoParams: FIDO2_LIB_ALGORITHMS,
    attestation: 'direct',
  });
  const factor = c.requireUV ? 'first' : 'second';
  const att = await f2l.attestationResult(
    {
      id: ab(c.reg.id),
      rawId: ab(c.reg.rawId),
      response: { clientDataJSON: c.reg.response.clientDataJSON, attestationObject: c.reg.response.attestationObject },
    },
    { challenge: c.regChallenge, origin: c.origin, factor },
  );
  const publicKey = att.authnrData.get('credentialPublicKeyPem') as string;
  await f2l.assertionResult(
    {
      id: ab(c.auth.id),
      rawId: ab(c.auth.rawId),
      response: {
        clientDataJSON: c.auth.response.clientDataJSON,
        authenticatorData: ab(c.auth.response.authenticatorData),
        signature: c.auth.response.signature,
        userHandle: c.auth.response.userHandle ?? undefined,
      },
    } as never,
    {
      challenge: c.authChallenge,
      origin: c.origin,
      factor,
      publicKey,
      prevCounter: 0,
      userHandle: c.auth.response.userHandle ?? null,
    } as never,
  );
  verified.push('fido2-lib');
  return verified;
}
