// get()'s extensions: the inputs the client checks before it asks the authenticator, and the client
// extension outputs once a credential has signed.
import { fromBase64url, toBase64url } from '../webauthn/base64url.js';
import type { AuthenticatorState, CeremonyContext } from './ceremonyContext.js';
import { checkAppId, optionalBytes, requireBytes } from './clientSteps.js';
import type { StoredCredential } from './credentialStore.js';
import { isRecord } from '../webauthn/json.js';
import { ceremonyError } from './errors.js';
import { evaluatePrf } from './prf.js';
import type { AuthenticatorProfile } from './profiles.js';

interface PrfInput {
  first: Uint8Array;
  second?: Uint8Array;
}

export interface RequestExtensions {
  appid: boolean;
  getCredBlob: boolean;
  largeBlob?: { read: boolean; write?: Uint8Array };
  prf?: { eval?: PrfInput; byCredential: Map<string, PrfInput> };
}

const prfInput = (v: Record<string, unknown>, what: string): PrfInput => {
  const input: PrfInput = { first: requireBytes(v.first, `${what}.first`) };
  const second = optionalBytes(v.second, `${what}.second`);
  if (second) input.second = second;
  return input;
};

/** A base64url key of evalByCredential as the id it names, or undefined when it names none. */
const credentialKey = (k: string): string | undefined => {
  if (k === '') return undefined;
  try {
    return toBase64url(requireBytes(k, 'key'));
  } catch {
    return undefined;
  }
};

export function requestExtensionInputs(
  extensions: unknown,
  ctx: CeremonyContext,
  allowIds: string[],
): RequestExtensions {
  const ext = isRecord(extensions) ? extensions : {};
  if (ext.appid !== undefined) checkAppId(ctx, ext.appid, 'appid');
  const out: RequestExtensions = { appid: ext.appid !== undefined, getCredBlob: ext.getCredBlob === true };
  const largeBlobIn = isRecord(ext.largeBlob) ? ext.largeBlob : undefined;
  if (largeBlobIn) {
    if (largeBlobIn.read === true && largeBlobIn.write !== undefined)
      throw ceremonyError('NotSupportedError', 'largeBlob cannot read and write in one call.');
    const write = optionalBytes(largeBlobIn.write, 'largeBlob.write');
    if (write && allowIds.length === 0)
      throw ceremonyError('NotSupportedError', 'largeBlob.write needs allowCredentials.');
    out.largeBlob = { read: largeBlobIn.read === true, ...(write ? { write } : {}) };
  }
  const prfIn = isRecord(ext.prf) ? ext.prf : undefined;
  if (prfIn) {
    const byCredential = new Map<string, PrfInput>();
    const evalIn = isRecord(prfIn.eval) ? prfInput(prfIn.eval, 'prf.eval') : undefined;
    if (isRecord(prfIn.evalByCredential)) {
      const entries = Object.entries(prfIn.evalByCredential);
      for (const [k, v] of entries) {
        const id = credentialKey(k);
        if (!id || !allowIds.includes(id) || !isRecord(v)) {
          throw ceremonyError(
            'SyntaxError',
            `prf.evalByCredential key "${k}" does not name a credential in allowCredentials.`,
          );
        }
        byCredential.set(id, prfInput(v, `prf.evalByCredential.${k}`));
      }
    }
    out.prf = { ...(evalIn ? { eval: evalIn } : {}), byCredential };
  }
  return out;
}

/** The authenticator extension outputs the assertion's authenticator data carries. */
export function requestAuthenticatorExtensions(
  e: RequestExtensions,
  credential: StoredCredential,
  profile: AuthenticatorProfile,
): Map<string, unknown> | undefined {
  if (!e.getCredBlob || !profile.extensions.credBlob) return undefined;
  const blob = fromBase64url(credential.credBlob ?? '');
  return new Map([['credBlob', blob.ok ? blob.value : new Uint8Array()]]);
}

/** getClientExtensionResults() of the assertion `credential` made. */
export async function requestExtensionOutputs(
  a: AuthenticatorState,
  e: RequestExtensions,
  credential: StoredCredential,
  profile: AuthenticatorProfile,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  if (e.appid) results.appid = false;
  // Chromium answers getCredBlob (empty) whether or not the authenticator stores blobs.
  if (e.getCredBlob) results.getCredBlob = credential.credBlob ?? '';
  if (e.prf && profile.extensions.prf) {
    const input = e.prf.byCredential.get(credential.id) ?? e.prf.eval;
    const prf: Record<string, unknown> = {};
    if (input) {
      const { prfSecret } = await a.open(credential);
      const first = toBase64url(await evaluatePrf(prfSecret, input.first));
      prf.results = input.second
        ? { first, second: toBase64url(await evaluatePrf(prfSecret, input.second)) }
        : { first };
    }
    results.prf = prf;
  }
  if (e.largeBlob) {
    if (e.largeBlob.write) results.largeBlob = { written: credential.largeBlobSupported };
    else if (e.largeBlob.read)
      results.largeBlob = credential.largeBlob !== undefined ? { blob: credential.largeBlob } : {};
  }
  return results;
}
