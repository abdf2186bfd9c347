// navigator.credentials.get() for the mock (WebAuthn L3 §5.1.4 client steps, §6.3.3
// authenticatorGetAssertion): options checks, RP ID, allowCredentials or discoverable credentials,
// account choice, user presence and verification, sign count, extensions, signature.
import { toBase64url } from '../webauthn/base64url.js';
import { concatBytes, sha256 } from '../webauthn/bytes.js';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '../webauthn/json.js';
import { encodeAuthenticatorData } from './authenticatorDataEncoding.js';
import { NEVER_ABORTED, requirePresence, simulateFailure } from './ceremonySteps.js';
import { checkAppId, clientDataJSON, effectiveRpId, isRecord, optionalBytes, requireBytes } from './clientSteps.js';
import { signWithCredentialKey } from './credentialKeys.js';
import type { StoredCredential } from './credentialStore.js';
import { ceremonyError, throwIfAborted } from './errors.js';
import { evaluatePrf } from './prf.js';
import { nextSignCount, type CeremonyContext, type SoftwareAuthenticator } from './softwareAuthenticator.js';

const noCredential = (rpId: string, why = ''): Error =>
  ceremonyError(
    'NotAllowedError',
    `The operation either timed out or was not allowed: no credential for "${rpId}" on the mock authenticator${why}.`,
  );

export async function getAssertion(
  a: SoftwareAuthenticator,
  options: PublicKeyCredentialRequestOptionsJSON,
  ctx: CeremonyContext,
): Promise<AuthenticationResponseJSON> {
  const signal = ctx.signal ?? NEVER_ABORTED;
  throwIfAborted(signal);
  if (!isRecord(options)) throw ceremonyError('TypeError', 'publicKey options are required.');
  const challenge = requireBytes(options.challenge, 'challenge');
  if (options.allowCredentials !== undefined && !Array.isArray(options.allowCredentials)) {
    throw ceremonyError('TypeError', 'allowCredentials must be a sequence.');
  }
  const allowIds = (options.allowCredentials ?? [])
    .filter((d) => isRecord(d) && d.type === 'public-key')
    .map((d) => toBase64url(requireBytes(d.id, 'allowCredentials[].id')));
  const rpId = effectiveRpId(ctx, options.rpId);
  const uvWanted = typeof options.userVerification === 'string' ? options.userVerification : 'preferred';

  const ext = isRecord(options.extensions) ? options.extensions : {};
  if (ext.appid !== undefined) checkAppId(ctx, ext.appid, 'appid');
  const largeBlobIn = isRecord(ext.largeBlob) ? ext.largeBlob : undefined;
  let largeBlobWrite: Uint8Array | undefined;
  if (largeBlobIn) {
    if (largeBlobIn.support !== undefined)
      throw ceremonyError('NotSupportedError', 'largeBlob.support is only valid in create().');
    if (largeBlobIn.read === true && largeBlobIn.write !== undefined)
      throw ceremonyError('NotSupportedError', 'largeBlob cannot read and write in one call.');
    largeBlobWrite = optionalBytes(largeBlobIn.write, 'largeBlob.write');
    if (largeBlobWrite && allowIds.length === 0)
      throw ceremonyError('NotSupportedError', 'largeBlob.write needs allowCredentials.');
  }
  const prfIn = isRecord(ext.prf) ? ext.prf : undefined;
  const prfByCredential = new Map<string, { first: Uint8Array; second?: Uint8Array }>();
  let prfEval: { first: Uint8Array; second?: Uint8Array } | undefined;
  if (prfIn) {
    if (isRecord(prfIn.eval)) {
      prfEval = { first: requireBytes(prfIn.eval.first, 'prf.eval.first') };
      const second = optionalBytes(prfIn.eval.second, 'prf.eval.second');
      if (second) prfEval.second = second;
    }
    if (isRecord(prfIn.evalByCredential)) {
      const entries = Object.entries(prfIn.evalByCredential);
      if (entries.length && allowIds.length === 0)
        throw ceremonyError('NotSupportedError', 'prf.evalByCredential needs allowCredentials.');
      for (const [k, v] of entries) {
        const idRes =
          k === ''
            ? undefined
            : (() => {
                try {
                  return toBase64url(requireBytes(k, 'key'));
                } catch {
                  return undefined;
                }
              })();
        if (!idRes || !allowIds.includes(idRes) || !isRecord(v)) {
          throw ceremonyError(
            'SyntaxError',
            `prf.evalByCredential key "${k}" does not name a credential in allowCredentials.`,
          );
        }
        const e: { first: Uint8Array; second?: Uint8Array } = {
          first: requireBytes(v.first, `prf.evalByCredential.${k}.first`),
        };
        const second = optionalBytes(v.second, `prf.evalByCredential.${k}.second`);
        if (second) e.second = second;
        prfByCredential.set(idRes, e);
      }
    }
  }
  const conditional = ctx.mediation === 'conditional';

  await simulateFailure(ctx.failure === 'no-credential' ? undefined : ctx.failure, options.timeout, signal);

  const uvPerformed = (c: StoredCredential): boolean =>
    uvWanted !== 'discouraged' && a.profileOf(c, ctx).userVerification;
  // With allowCredentials, look up those ids alone: listing copies every credential the RP ID has.
  const held =
    ctx.failure === 'no-credential'
      ? []
      : allowIds.length
        ? (await Promise.all(allowIds.map((id) => a.store.get(id)))).filter(
            (c): c is StoredCredential => c?.rpId === rpId,
          )
        : await a.store.list(rpId);
  let candidates = allowIds.length
    ? allowIds.map((id) => held.find((c) => c.id === id)).filter((c): c is StoredCredential => !!c)
    : held.filter((c) => c.discoverable);
  // credProtect (CTAP2.1 §12.1): level 3 only with UV; level 2 not discoverable without UV.
  candidates = candidates.filter(
    (c) => c.credProtect === 1 || uvPerformed(c) || (c.credProtect === 2 && allowIds.length > 0),
  );
  if (uvWanted === 'required') {
    const verifying = candidates.filter((c) => a.profileOf(c, ctx).userVerification);
    if (candidates.length && !verifying.length) {
      throw ceremonyError(
        'NotAllowedError',
        'The RP requires user verification; the authenticator holding the credential has none.',
      );
    }
    candidates = verifying;
  }
  if (!candidates.length && !conditional)
    throw noCredential(rpId, allowIds.length ? ' among allowCredentials' : ' (discoverable)');

  let chosen: StoredCredential | undefined;
  if (conditional || (allowIds.length === 0 && candidates.length > 1)) {
    chosen = await (ctx.prompts ?? a.prompts).chooseAccount(
      { rpId, origin: ctx.origin, candidates, conditional },
      signal,
    );
    throwIfAborted(signal);
    if (!chosen || !candidates.some((c) => c.id === chosen!.id)) {
      throw ceremonyError('NotAllowedError', 'The operation either timed out or was not allowed (no account chosen).');
    }
  } else {
    chosen = candidates[0]!;
  }
  const profile = a.profileOf(chosen, ctx);
  const uv = uvPerformed(chosen);
  if (!conditional) {
    await requirePresence(
      a,
      ctx.prompts,
      {
        ceremony: 'get',
        rpId,
        origin: ctx.origin,
        userName: chosen.userName,
        userVerification: uv,
        purpose: 'authenticate',
      },
      signal,
    );
  }

  const cdj = clientDataJSON('webauthn.get', challenge, ctx);
  // Hashed while the credential is locked and read: a digest waits for the crypto thread.
  const clientDataHash = sha256(cdj);
  const { credential, authData, signature } = await a.lock.run(chosen.id, async () => {
    const fresh = await a.store.get(chosen!.id);
    if (!fresh) throw noCredential(rpId, ' (it was deleted)');
    throwIfAborted(signal);
    const signCount = nextSignCount(fresh.signCount, profile);
    const updated: StoredCredential = { ...fresh, lastUsedAt: a.now() };
    if (profile.signCount.policy === 'increment') updated.signCount = signCount;
    if (largeBlobWrite && fresh.largeBlobSupported) updated.largeBlob = toBase64url(largeBlobWrite);
    const authData = await encodeAuthenticatorData({
      rpId,
      signCount,
      flags: { UP: true, UV: uv, BE: fresh.backupEligible, BS: fresh.backupState },
    });
    const { key } = await a.open(fresh);
    const signature = await signWithCredentialKey(fresh.alg, key, concatBytes(authData, await clientDataHash));
    await a.store.put(updated);
    return { credential: updated, authData, signature };
  });

  const results: Record<string, unknown> = {};
  if (ext.appid !== undefined) results.appid = false;
  if (prfIn && profile.extensions.prf) {
    const input = prfByCredential.get(credential.id) ?? prfEval;
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
  if (largeBlobIn) {
    if (largeBlobWrite) results.largeBlob = { written: credential.largeBlobSupported };
    else if (largeBlobIn.read === true)
      results.largeBlob = credential.largeBlob !== undefined ? { blob: credential.largeBlob } : {};
  }

  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    authenticatorAttachment: credential.attachment,
    response: {
      clientDataJSON: toBase64url(cdj),
      authenticatorData: toBase64url(authData),
      signature: toBase64url(signature),
      userHandle: credential.discoverable ? credential.userHandle : null,
    },
    clientExtensionResults: results,
  };
}
