// create()'s extensions: the inputs the client checks before it asks the authenticator, the authenticator
// extensions that go into authenticator data, and the client extension outputs.
import { toBase64url } from '../webauthn/base64url.js';
import type { AuthenticatorProfile } from './profiles.js';
import type { CeremonyContext } from './ceremonyContext.js';
import { canonicalMap, CRED_PROTECT_LEVELS } from './ceremonySteps.js';
import { checkAppId, optionalBytes, requireBytes } from './clientSteps.js';
import { isRecord } from '../webauthn/json.js';
import { ceremonyError } from './errors.js';
import { evaluatePrf } from './prf.js';

export interface CreationExtensions {
  credProps: boolean;
  appidExclude: boolean;
  largeBlob?: { supported: boolean };
  prf?: { supported: boolean; first?: Uint8Array; second?: Uint8Array };
  /** The credProtect level the RP asked for, when it did; `credProtect` is the level the credential gets. */
  credProtectAsked?: 1 | 2 | 3;
  credProtect: 1 | 2 | 3;
  minPinLength: boolean;
  /** The blob the RP asked to store (`credBlob`), and whether the authenticator stores it. */
  credBlob?: { blob: Uint8Array; stored: boolean };
}

/** CTAP 2.1's floor for maxCredBlobLength, which Chromium's virtual authenticator has. */
export const MAX_CRED_BLOB_BYTES = 32;

export function creationExtensionInputs(
  extensions: unknown,
  ctx: CeremonyContext,
  discoverable: boolean,
): CreationExtensions {
  const profile = ctx.profile;
  const ext = isRecord(extensions) ? extensions : {};
  if (ext.appidExclude !== undefined) checkAppId(ctx, ext.appidExclude, 'appidExclude');
  const largeBlobIn = isRecord(ext.largeBlob) ? ext.largeBlob : undefined;
  const largeBlobSupported = !!largeBlobIn && discoverable && profile.extensions.largeBlob;
  if (largeBlobIn?.support === 'required' && !largeBlobSupported) {
    throw ceremonyError(
      'NotAllowedError',
      `largeBlob support is required; the mock profile "${profile.name}" ${discoverable ? 'has no large-blob storage' : 'stores large blobs only for discoverable credentials'}.`,
    );
  }
  const prfIn = isRecord(ext.prf) ? ext.prf : undefined;
  const prfEval = prfIn && isRecord(prfIn.eval) ? prfIn.eval : undefined;
  const first = prfEval ? requireBytes(prfEval.first, 'prf.eval.first') : undefined;
  const second = prfEval ? optionalBytes(prfEval.second, 'prf.eval.second') : undefined;
  const credProtectAsked =
    typeof ext.credentialProtectionPolicy === 'string'
      ? CRED_PROTECT_LEVELS[ext.credentialProtectionPolicy]
      : undefined;
  if (
    credProtectAsked &&
    credProtectAsked > 1 &&
    ext.enforceCredentialProtectionPolicy === true &&
    !profile.extensions.credProtect
  ) {
    throw ceremonyError(
      'NotAllowedError',
      `credProtect is enforced; the mock profile "${profile.name}" does not support it.`,
    );
  }
  const credBlob = ext.credBlob === undefined ? undefined : requireBytes(ext.credBlob, 'credBlob');
  return {
    ...(credBlob
      ? {
          credBlob: { blob: credBlob, stored: !!profile.extensions.credBlob && credBlob.length <= MAX_CRED_BLOB_BYTES },
        }
      : {}),
    credProps: ext.credProps === true,
    appidExclude: ext.appidExclude !== undefined,
    ...(largeBlobIn ? { largeBlob: { supported: largeBlobSupported } } : {}),
    ...(prfIn
      ? { prf: { supported: profile.extensions.prf, ...(first ? { first } : {}), ...(second ? { second } : {}) } }
      : {}),
    ...(credProtectAsked ? { credProtectAsked } : {}),
    credProtect: (profile.extensions.credProtect && credProtectAsked) || 1,
    minPinLength: ext.minPinLength === true,
  };
}

/** The authenticator extension outputs that authenticator data carries, in CTAP2 canonical order. */
export function creationAuthenticatorExtensions(
  e: CreationExtensions,
  profile: AuthenticatorProfile,
): Map<string, unknown> {
  const out: Array<[string, unknown]> = [];
  if (e.credProtectAsked && profile.extensions.credProtect) out.push(['credProtect', e.credProtect]);
  if (e.credBlob && profile.extensions.credBlob) out.push(['credBlob', e.credBlob.stored]);
  if (e.prf?.supported) out.push(['hmac-secret', true]);
  if (e.minPinLength && profile.extensions.minPinLength) out.push(['minPinLength', profile.minPinLength]);
  return canonicalMap(out);
}

/** getClientExtensionResults() of the new credential. */
export async function creationExtensionOutputs(
  e: CreationExtensions,
  discoverable: boolean,
  prfSecret: Uint8Array,
  profile: AuthenticatorProfile,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  if (e.credProps)
    results.credProps = !discoverable && profile.nonResidentMayBeDiscoverable ? {} : { rk: discoverable };
  if (e.prf) {
    const prf: Record<string, unknown> = { enabled: e.prf.supported };
    if (e.prf.supported && e.prf.first) {
      const first = toBase64url(await evaluatePrf(prfSecret, e.prf.first));
      prf.results = e.prf.second
        ? { first, second: toBase64url(await evaluatePrf(prfSecret, e.prf.second)) }
        : { first };
    }
    results.prf = prf;
  }
  if (e.largeBlob) results.largeBlob = { supported: e.largeBlob.supported };
  if (e.appidExclude) results.appidExclude = true;
  if (e.credBlob) results.credBlob = e.credBlob.stored;
  return results;
}
