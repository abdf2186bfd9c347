// navigator.credentials.create() for the mock (WebAuthn L3 §5.1.3, §6.3.2 authenticatorMakeCredential):
// the option checks and extension inputs, then the authenticator step (excludeCredentials, user presence,
// key generation, authenticator data, attestation, storage), then the extension outputs.
import { base64urlToBytes, toBase64url } from '../webauthn/base64url.js';
import { bytesFromUuid } from '../webauthn/bytes.js';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../webauthn/json.js';
import { chooseAttestation, encodeAttestationObject } from './attestationStatement.js';
import { encodeAuthenticatorData } from './authenticatorDataEncoding.js';
import {
  nextSignCount,
  type AuthenticatorState,
  type CeremonyContext,
  type PresencePrompt,
} from './ceremonyContext.js';
import { NEVER_ABORTED, requirePresence, simulateFailure } from './ceremonySteps.js';
import { clientDataFields, encodeClientData } from './clientSteps.js';
import { activeTamper, note, tamperAuthData, tamperClientData } from './tamperSteps.js';
import { attestationKindFor, flipLastBit, tampering } from './tamperings.js';
import { checkRoom } from './storageLimits.js';
import {
  creationAuthenticatorExtensions,
  creationExtensionInputs,
  creationExtensionOutputs,
  type CreationExtensions,
} from './creationExtensions.js';
import { checkCreationOptions, type CreationPlan } from './creationOptions.js';
import { generateCredentialKey } from './credentialKeys.js';
import type { StoredCredential } from './credentialStore.js';
import { ceremonyError, throwIfAborted } from './errors.js';

const CREDENTIAL_ID_LENGTH = 32;

export async function createCredential(
  a: AuthenticatorState,
  options: PublicKeyCredentialCreationOptionsJSON,
  ctx: CeremonyContext,
): Promise<RegistrationResponseJSON> {
  const signal = ctx.signal ?? NEVER_ABORTED;
  throwIfAborted(signal);
  const plan = await checkCreationOptions(options, ctx);
  const extensions = creationExtensionInputs(options.extensions, ctx, plan.discoverable);
  await simulateFailure(ctx.failure === 'no-credential' ? undefined : ctx.failure, options.timeout, signal);
  // An authenticator that reuses credential ids (an RP security test) ignores excludeCredentials.
  if (!(ctx.tamper && tampering(ctx.tamper.id, 'create')?.credentialId)) await refuseExcluded(a, plan, ctx, signal);
  await requirePresence(a, ctx.prompts, registrationPrompt(plan, ctx, 'register'), signal);
  return makeCredential(a, options, plan, extensions, ctx, signal);
}

/** What the user is asked to confirm: registering, or touching only to hear the authenticator is known. */
function registrationPrompt(plan: CreationPlan, ctx: CeremonyContext, purpose: 'register' | 'exclude'): PresencePrompt {
  return {
    ceremony: 'create',
    rpId: plan.rpId,
    origin: ctx.origin,
    userName: plan.userName,
    userVerification: purpose === 'register' && plan.uv,
    purpose,
  };
}

/** excludeCredentials: the authenticator already holds one of them → InvalidStateError after a touch. */
async function refuseExcluded(
  a: AuthenticatorState,
  plan: CreationPlan,
  ctx: CeremonyContext,
  signal: AbortSignal,
): Promise<void> {
  if (!plan.excludedIds.length) return;
  // Looked up by id: listing copies every credential the RP ID has.
  const held = await Promise.all(plan.excludedIds.map((id) => a.store.get(toBase64url(id))));
  if (!held.some((c) => c?.rpId === plan.rpId && (!ctx.holders || ctx.holders.includes(c.profileId)))) return;
  await requirePresence(a, ctx.prompts, registrationPrompt(plan, ctx, 'exclude'), signal);
  throw ceremonyError(
    'InvalidStateError',
    'The user attempted to register an authenticator that contains one of the credentials already registered with the relying party.',
  );
}

/** The authenticator step: a new key, its authenticator data and attestation, and the stored credential. */
async function makeCredential(
  a: AuthenticatorState,
  options: PublicKeyCredentialCreationOptionsJSON,
  plan: CreationPlan,
  extensions: CreationExtensions,
  ctx: CeremonyContext,
  signal: AbortSignal,
): Promise<RegistrationResponseJSON> {
  const { profile } = ctx;
  const { rpId, discoverable } = plan;
  const requested = Array.isArray(options.pubKeyCredParams)
    ? options.pubKeyCredParams.map((p) => (p as { alg?: number }).alg).filter((x): x is number => typeof x === 'number')
    : [];
  const tamper = await activeTamper(a, ctx, 'create', rpId, toBase64url(plan.userId), {
    requestedAlgorithms: requested,
    supportedAlgorithms: profile.algorithms,
    uvRequired:
      (options.authenticatorSelection as { userVerification?: unknown } | undefined)?.userVerification === 'required',
  });
  const alg = tamper?.t.algorithm?.(tamper.env) ?? plan.alg;
  if (alg !== plan.alg) note(tamper, 'alg', plan.alg, alg);
  const key = await generateCredentialKey(alg);
  const replacedId = tamper?.t.credentialId?.(tamper.env);
  const credentialId =
    typeof replacedId === 'string'
      ? base64urlToBytes(replacedId)
      : (replacedId ?? crypto.getRandomValues(new Uint8Array(CREDENTIAL_ID_LENGTH)));
  if (replacedId !== undefined)
    note(tamper, 'credentialId', `${CREDENTIAL_ID_LENGTH} random bytes`, toBase64url(credentialId));
  const prfSecret = crypto.getRandomValues(new Uint8Array(32));
  const id = toBase64url(credentialId);
  const signCount = profile.signCount.policy === 'increment' ? 0 : nextSignCount(0, profile);

  const cd = tamperClientData(tamper, clientDataFields('webauthn.create', plan.challenge, ctx));
  const cdj = encodeClientData(cd);
  const ad = tamperAuthData(tamper, {
    rpId,
    flags: { UP: true, UV: plan.uv, BE: profile.backupEligible, BS: profile.backupEligible && profile.backupState },
    signCount,
  });
  const authData = await encodeAuthenticatorData({
    ...ad,
    attestedCredentialData: { aaguid: bytesFromUuid(profile.aaguid), credentialId, cosePublicKey: key.cosePublicKey },
    extensions: creationAuthenticatorExtensions(extensions, profile),
  });
  const stored: StoredCredential = {
    id,
    rpId,
    userHandle: toBase64url(plan.userId),
    userName: plan.userName,
    userDisplayName: plan.userDisplayName,
    alg,
    publicKey: toBase64url(key.cosePublicKey),
    spki: toBase64url(key.spki),
    discoverable,
    signCount,
    profileId: profile.id,
    aaguid: profile.aaguid,
    transports: [...profile.transports].sort(),
    attachment: profile.attachment,
    backupEligible: profile.backupEligible,
    backupState: profile.backupEligible && profile.backupState,
    credProtect: extensions.credProtect,
    largeBlobSupported: extensions.largeBlob?.supported ?? false,
    ...(extensions.credBlob?.stored ? { credBlob: toBase64url(extensions.credBlob.blob) } : {}),
    createdAt: a.now(),
    secret: await a.vault.seal({ pkcs8: key.pkcs8, prfSecret }, { credentialId: id, rpId }),
  };
  throwIfAborted(signal);
  // A discoverable credential replaces the one the same authenticator holds for the same account (CTAP2 §6.1.2).
  // Listing copies every credential of the RP ID: only a discoverable one needs it; the caps only count.
  const replaced = discoverable
    ? (await a.store.list(rpId)).filter(
        (c) => c.discoverable && c.userHandle === stored.userHandle && c.profileId === profile.id,
      )
    : [];
  if (replacedId === undefined) checkRoom((await a.store.count(rpId)) - replaced.length, await a.store.count(), rpId);
  for (const c of replaced) await a.deleteCredential(c.id);
  // Stored while the attestation is signed; the page is answered once both are done. A tampered response
  // that reuses an existing credential id leaves the stored one alone.
  const saved = replacedId !== undefined ? Promise.resolve() : a.store.put(stored);
  if (replacedId === undefined) a.remember(id, { key: key.privateKey, prfSecret });
  a.recentChallenges.set(rpId, cd.challenge);
  let attestationObject: Uint8Array, results: Record<string, unknown>;
  try {
    const asked = chooseAttestation(options.attestation, options.attestationFormats, profile.attestation);
    const attestation = tamper?.t.attestation;
    const kind = asked === 'none' ? 'none' : attestationKindFor(attestation, asked);
    if (attestation && asked !== 'none') note(tamper, 'attestation', asked, attestation);
    attestationObject = await encodeAttestationObject({
      kind,
      authData,
      clientDataJSON: cdj,
      credential: { alg, key: key.privateKey },
      signer: () =>
        attestation === 'chain-untrusted' || attestation === 'aaguid-mismatch' || attestation === 'cert-expired'
          ? a.attestationCa.tamperedSigner(profile.aaguid, attestation)
          : a.attestationCa.signerFor(profile.aaguid),
      ...(attestation === 'signature-bitflip' ? { tamperSignature: flipLastBit } : {}),
    });
    results = await creationExtensionOutputs(extensions, discoverable, prfSecret, profile);
    await saved;
  } catch (e) {
    await saved.then(() => (replacedId === undefined ? a.deleteCredential(id) : undefined)).catch(() => undefined);
    throw e;
  }

  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: profile.attachment,
    response: {
      clientDataJSON: toBase64url(cdj),
      authenticatorData: toBase64url(authData),
      transports: [...stored.transports],
      publicKey: stored.spki,
      publicKeyAlgorithm: alg,
      attestationObject: toBase64url(attestationObject),
    },
    clientExtensionResults: results,
  };
}
