// navigator.credentials.get() for the mock (WebAuthn L3 §5.1.4, §6.3.3 authenticatorGetAssertion): the
// option checks and extension inputs, then the authenticator step (candidates, account choice, user presence
// and verification, sign count, signature), then the extension outputs.
import { toBase64url } from '../webauthn/base64url.js';
import { concatBytes, sha256 } from '../webauthn/bytes.js';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '../webauthn/json.js';
import { encodeAuthenticatorData } from './authenticatorDataEncoding.js';
import { nextSignCount, type AuthenticatorState, type CeremonyContext } from './ceremonyContext.js';
import { NEVER_ABORTED, requirePresence, simulateFailure } from './ceremonySteps.js';
import { clientDataFields, encodeClientData } from './clientSteps.js';
import { generateCredentialKey, signWithCredentialKey } from './credentialKeys.js';
import {
  activeTamper,
  note,
  tamperAuthData,
  tamperClientData,
  tamperSigner,
  type ActiveTamper,
} from './tamperSteps.js';
import { flipLastBit } from './tamperings.js';
import type { StoredCredential } from './credentialStore.js';
import { ceremonyError, throwIfAborted } from './errors.js';
import {
  requestAuthenticatorExtensions,
  requestExtensionInputs,
  requestExtensionOutputs,
  type RequestExtensions,
} from './requestExtensions.js';
import { checkRequestOptions, type RequestPlan } from './requestOptions.js';

const noCredential = (rpId: string, why = ''): Error =>
  ceremonyError(
    'NotAllowedError',
    `The operation either timed out or was not allowed: no credential for "${rpId}" on the mock authenticator${why}.`,
  );

export async function getAssertion(
  a: AuthenticatorState,
  options: PublicKeyCredentialRequestOptionsJSON,
  ctx: CeremonyContext,
): Promise<AuthenticationResponseJSON> {
  const signal = ctx.signal ?? NEVER_ABORTED;
  throwIfAborted(signal);
  const plan = checkRequestOptions(options, ctx);
  const extensions = requestExtensionInputs(options.extensions, ctx, plan.allowIds);
  await simulateFailure(ctx.failure === 'no-credential' ? undefined : ctx.failure, options.timeout, signal);
  const chosen = await chooseCredential(a, plan, ctx, signal);
  const uv = plan.userVerification !== 'discouraged' && a.profileOf(chosen, ctx).userVerification;
  if (!plan.conditional) {
    await requirePresence(
      a,
      ctx.prompts,
      {
        ceremony: 'get',
        rpId: plan.rpId,
        origin: ctx.origin,
        userName: chosen.userName,
        userVerification: uv,
        purpose: 'authenticate',
      },
      signal,
    );
  }
  const tamper = await activeTamper(a, ctx, 'get', plan.rpId, chosen.userHandle, {
    signer: chosen,
    uvRequired: plan.userVerification === 'required',
  });
  return sign(a, plan, extensions, tamperSigner(tamper, chosen), uv, ctx, signal, tamper);
}

/** The credential that answers: from allowCredentials or the discoverable ones, picked by the user if need be. */
async function chooseCredential(
  a: AuthenticatorState,
  plan: RequestPlan,
  ctx: CeremonyContext,
  signal: AbortSignal,
): Promise<StoredCredential> {
  const { rpId, allowIds, conditional } = plan;
  const uvPerformed = (c: StoredCredential): boolean =>
    plan.userVerification !== 'discouraged' && a.profileOf(c, ctx).userVerification;
  // With allowCredentials, look up those ids alone: listing copies every credential the RP ID has.
  const held = (
    ctx.failure === 'no-credential'
      ? []
      : allowIds.length
        ? (await Promise.all(allowIds.map((id) => a.store.get(id)))).filter(
            (c): c is StoredCredential => c?.rpId === rpId,
          )
        : await a.store.list(rpId)
  )
    // A credential an RP's signal hid is not offered, as a passkey provider hides it; the popup shows it again.
    .filter((c) => !c.hidden && (!ctx.holders || ctx.holders.includes(c.profileId)));
  let candidates = allowIds.length
    ? allowIds.map((id) => held.find((c) => c.id === id)).filter((c): c is StoredCredential => !!c)
    : held.filter((c) => c.discoverable);
  // credProtect (CTAP2.1 §12.1): level 3 only with UV; level 2 not discoverable without UV.
  candidates = candidates.filter(
    (c) => c.credProtect === 1 || uvPerformed(c) || (c.credProtect === 2 && allowIds.length > 0),
  );
  if (plan.userVerification === 'required') {
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
  if (!conditional && (allowIds.length > 0 || candidates.length === 1)) return candidates[0]!;

  const chosen = await (ctx.prompts ?? a.prompts).chooseAccount(
    { rpId, origin: ctx.origin, candidates, conditional },
    signal,
  );
  throwIfAborted(signal);
  if (!chosen || !candidates.some((c) => c.id === chosen.id)) {
    throw ceremonyError('NotAllowedError', 'The operation either timed out or was not allowed (no account chosen).');
  }
  return chosen;
}

/** The authenticator step: the sign count moves, and the credential signs authenticator data and client data. */
async function sign(
  a: AuthenticatorState,
  plan: RequestPlan,
  extensions: RequestExtensions,
  chosen: StoredCredential,
  uv: boolean,
  ctx: CeremonyContext,
  signal: AbortSignal,
  tamper?: ActiveTamper,
): Promise<AuthenticationResponseJSON> {
  const profile = a.profileOf(chosen, ctx);
  const cd = tamperClientData(tamper, clientDataFields('webauthn.get', plan.challenge, ctx));
  const cdj = encodeClientData(cd);
  a.recentChallenges.set(plan.rpId, cd.challenge);
  // Hashed while the credential is locked and read: a digest waits for the crypto thread.
  const clientDataHash = sha256(cdj);
  const largeBlobWrite = extensions.largeBlob?.write;
  const { credential, authData, signature } = await a.lock.run(chosen.id, async () => {
    const fresh = await a.store.get(chosen.id);
    if (!fresh) throw noCredential(plan.rpId, ' (it was deleted)');
    throwIfAborted(signal);
    const signCount = nextSignCount(fresh.signCount, profile);
    const updated: StoredCredential = { ...fresh, lastUsedAt: a.now() };
    if (profile.signCount.policy === 'increment') updated.signCount = signCount;
    if (largeBlobWrite && fresh.largeBlobSupported) updated.largeBlob = toBase64url(largeBlobWrite);
    const authData = await encodeAuthenticatorData({
      ...tamperAuthData(tamper, {
        rpId: plan.rpId,
        signCount,
        flags: { UP: true, UV: uv, BE: fresh.backupEligible, BS: fresh.backupState },
      }),
      extensions: requestAuthenticatorExtensions(extensions, fresh, profile),
    });
    // The new sign count is stored while the key signs; both finish before the page is answered.
    const stored = a.store.update(updated);
    const signed = concatBytes(authData, await clientDataHash);
    const how = tamper?.t.signature;
    const key = how === 'other-key' ? (await generateCredentialKey(fresh.alg)).privateKey : (await a.open(fresh)).key;
    const honest = await signWithCredentialKey(fresh.alg, key, signed);
    const signature = how === 'bitflip' ? flipLastBit(honest) : honest;
    if (how)
      note(tamper, 'signature', 'by the credential’s key', how === 'bitflip' ? 'one bit flipped' : 'by another key');
    // Deleted while it signed (from the popup): the deletion stands, and the page gets no assertion.
    if (!(await stored)) throw noCredential(plan.rpId, ' (it was deleted)');
    return { credential: updated, authData, signature };
  });
  const results = await requestExtensionOutputs(a, extensions, credential, profile);
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    authenticatorAttachment: credential.attachment,
    response: {
      clientDataJSON: toBase64url(cdj),
      authenticatorData: toBase64url(authData),
      signature: toBase64url(signature),
      userHandle: tamperedUserHandle(tamper, credential.discoverable ? credential.userHandle : null),
    },
    clientExtensionResults: results,
  };
}

function tamperedUserHandle(tamper: ActiveTamper | undefined, honest: string | null): string | null {
  const other = tamper?.t.userHandle?.(tamper.env);
  if (other === undefined) return honest;
  note(tamper, 'userHandle', honest, other);
  return other;
}
