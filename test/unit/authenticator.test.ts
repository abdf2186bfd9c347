// The mock authenticator's ceremonies, verified the way relying parties verify them: every algorithm ×
// attestation kind × resident/non-resident × UV, checked by @simplewebauthn/server (and fido2-lib).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SettingsService, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isAlgorithmSupported } from '../../src/authenticator/credentialKeys.js';
import type { AttestationKind } from '../../src/authenticator/profiles.js';
import type { RegistrationResponseJSON } from '../../src/webauthn/json.js';
import { challenge, creationOptions, ctx, makeAuthenticator, ORIGIN, profile, RP_ID } from './authenticatorSetup.js';
import { decodeAttestationFmt } from './authenticatorDecode.js';

const ALGORITHMS = [-7, -35, -36, -8, -257, -37];
const KINDS: AttestationKind[] = ['none', 'packed-self', 'packed-x5c'];

test('every algorithm × attestation × resident key × UV verifies with @simplewebauthn/server', async () => {
  const auth = await makeAuthenticator();
  SettingsService.setRootCertificates({
    identifier: 'packed',
    certificates: [await auth.attestationCa.rootCertificatePem()],
  });
  let runs = 0;
  for (const alg of ALGORITHMS) {
    assert.ok(await isAlgorithmSupported(alg), `Node WebCrypto supports ${alg}`);
    for (const kind of KINDS) {
      for (const rk of [true, false]) {
        for (const uv of [true, false]) {
          const p = profile('security-key', { attestation: kind, userVerification: uv });
          const regChallenge = challenge();
          const reg = await auth.create(
            creationOptions({
              challenge: regChallenge,
              user: {
                id: Buffer.from(`u-${alg}-${kind}-${rk}-${uv}`).toString('base64url'),
                name: 'alice',
                displayName: 'Alice',
              },
              pubKeyCredParams: [{ type: 'public-key', alg }],
              attestation: kind === 'none' ? 'none' : 'direct',
              authenticatorSelection: {
                residentKey: rk ? 'required' : 'discouraged',
                userVerification: uv ? 'required' : 'discouraged',
              },
              extensions: { credProps: true },
            }),
            ctx(p),
          );
          const label = `alg ${alg} ${kind} rk=${rk} uv=${uv}`;
          assert.equal(decodeAttestationFmt(reg), kind === 'none' ? 'none' : 'packed', label);
          assert.deepEqual(reg.clientExtensionResults.credProps, { rk }, label);
          assert.equal(reg.response.publicKeyAlgorithm, alg, label);
          const v = await verifyRegistrationResponse({
            response: reg as Parameters<typeof verifyRegistrationResponse>[0]['response'],
            expectedChallenge: regChallenge,
            expectedOrigin: ORIGIN,
            expectedRPID: RP_ID,
            requireUserVerification: uv,
            supportedAlgorithmIDs: [alg],
          });
          assert.ok(v.verified, label);
          const info = v.registrationInfo!;
          assert.equal(info.fmt, kind === 'none' ? 'none' : 'packed', label);
          assert.equal(info.aaguid, p.aaguid, label);
          assert.equal(info.userVerified, uv, label);

          const authChallenge = challenge();
          const assertion = await auth.get(
            {
              challenge: authChallenge,
              rpId: RP_ID,
              userVerification: uv ? 'required' : 'discouraged',
              ...(rk ? {} : { allowCredentials: [{ type: 'public-key', id: reg.id }] }),
            },
            ctx(p),
          );
          assert.equal(assertion.id, reg.id, label);
          assert.equal(
            assertion.response.userHandle ?? null,
            rk ? Buffer.from(`u-${alg}-${kind}-${rk}-${uv}`).toString('base64url') : null,
            label,
          );
          const a = await verifyAuthenticationResponse({
            response: assertion as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
            expectedChallenge: authChallenge,
            expectedOrigin: ORIGIN,
            expectedRPID: RP_ID,
            credential: {
              id: info.credential.id,
              publicKey: info.credential.publicKey,
              counter: info.credential.counter,
            },
            requireUserVerification: uv,
          });
          assert.ok(a.verified, label);
          assert.equal(a.authenticationInfo.newCounter, 1, label);
          // Discoverable credentials of earlier iterations are still there: remove so the next get() is unambiguous.
          await auth.store.delete(reg.id);
          runs++;
        }
      }
    }
  }
  assert.equal(runs, ALGORITHMS.length * KINDS.length * 4);
});

test('packed x5c leaf carries the profile AAGUID and chains to the local root', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg: RegistrationResponseJSON = await auth.create(creationOptions({ attestation: 'direct' }), ctx(p));
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [] });
  const other = await makeAuthenticator();
  SettingsService.setRootCertificates({
    identifier: 'packed',
    certificates: [await other.attestationCa.rootCertificatePem()],
  });
  await assert.rejects(
    verifyRegistrationResponse({
      response: reg as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: () => true,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    }),
    /trust anchor/,
    'a foreign root does not verify the chain',
  );
  SettingsService.setRootCertificates({
    identifier: 'packed',
    certificates: [await auth.attestationCa.rootCertificatePem()],
  });
  const v = await verifyRegistrationResponse({
    response: reg as Parameters<typeof verifyRegistrationResponse>[0]['response'],
    expectedChallenge: () => true,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
  });
  assert.ok(v.verified);
  assert.equal(v.registrationInfo!.attestationObject.length > 0, true);
});

test('attestationFormats preferring none gives none; synced profile gives none even when asked', async () => {
  const auth = await makeAuthenticator();
  const r1 = await auth.create(
    creationOptions({ attestation: 'direct', attestationFormats: ['none', 'packed'] }),
    ctx(profile('security-key')),
  );
  assert.equal(decodeAttestationFmt(r1), 'none');
  const r2 = await auth.create(
    creationOptions({ attestation: 'direct', user: { id: 'dTI', name: 'b', displayName: 'B' } }),
    ctx(profile('synced-passkeys')),
  );
  assert.equal(decodeAttestationFmt(r2), 'none');
  const r3 = await auth.create(
    creationOptions({
      attestation: 'direct',
      attestationFormats: ['tpm', 'packed'],
      user: { id: 'dTM', name: 'c', displayName: 'C' },
    }),
    ctx(profile('security-key')),
  );
  assert.equal(decodeAttestationFmt(r3), 'packed');
});
