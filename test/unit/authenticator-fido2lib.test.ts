// The mock's responses verified by a second RP library, fido2-lib, for the algorithms it implements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fido2Lib } from 'fido2-lib';
import type { AttestationKind } from '../../src/authenticator/profiles.js';
import { challenge, creationOptions, ctx, makeAuthenticator, ORIGIN, profile, RP_ID } from './authenticatorSetup.js';

// fido2-lib 3 lists ES256/384/512 and RS256 (not PS256 nor EdDSA), but its PEM importer only recognises
// P-256 keys (P-384 falls back to P-256 → "Named curve mismatch"; P-521 is misnamed "P-512"), so any
// ES384/ES512 signature fails inside fido2-lib. ES256 and RS256 are what it can verify.
const ALGORITHMS = [-7, -257];
const KINDS: AttestationKind[] = ['none', 'packed-self', 'packed-x5c'];
const ab = (b64: string): ArrayBuffer => {
  const b = Buffer.from(b64, 'base64url');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
};

test('fido2-lib verifies registration and authentication for each algorithm and attestation kind', async () => {
  const auth = await makeAuthenticator();
  const f2l = new Fido2Lib({ rpId: RP_ID, rpName: 'Test RP', cryptoParams: ALGORITHMS, attestation: 'direct' });
  for (const alg of ALGORITHMS) {
    for (const kind of KINDS) {
      for (const uv of [true, false]) {
        const label = `alg ${alg} ${kind} uv=${uv}`;
        const p = profile('security-key', { attestation: kind, userVerification: uv });
        const regChallenge = challenge();
        const reg = await auth.create(
          creationOptions({
            challenge: regChallenge,
            pubKeyCredParams: [{ type: 'public-key', alg }],
            attestation: kind === 'none' ? 'none' : 'direct',
            authenticatorSelection: { residentKey: 'discouraged', userVerification: uv ? 'required' : 'discouraged' },
          }),
          ctx(p),
        );
        const att = await f2l.attestationResult(
          {
            id: ab(reg.id),
            rawId: ab(reg.rawId),
            response: {
              clientDataJSON: reg.response.clientDataJSON,
              attestationObject: String(reg.response.attestationObject),
            },
          },
          { challenge: regChallenge, origin: ORIGIN, factor: uv ? 'first' : 'second' },
        );
        const pem = att.authnrData.get('credentialPublicKeyPem') as string;
        assert.match(pem, /BEGIN PUBLIC KEY/, label);
        assert.equal(att.authnrData.get('fmt'), kind === 'none' ? 'none' : 'packed', label);

        const authChallenge = challenge();
        const got = await auth.get(
          {
            challenge: authChallenge,
            rpId: RP_ID,
            userVerification: uv ? 'required' : 'discouraged',
            allowCredentials: [{ type: 'public-key', id: reg.id }],
          },
          ctx(p),
        );
        const res = await f2l.assertionResult(
          {
            id: ab(got.id),
            rawId: ab(got.rawId),
            response: {
              clientDataJSON: got.response.clientDataJSON,
              authenticatorData: ab(got.response.authenticatorData),
              signature: got.response.signature,
            },
          },
          {
            challenge: authChallenge,
            origin: ORIGIN,
            factor: uv ? 'first' : 'second',
            publicKey: pem,
            prevCounter: 0,
            userHandle: null,
          },
        );
        assert.ok(res, label);
        assert.equal(res.authnrData.get('counter'), 1, label);
      }
    }
  }
});
