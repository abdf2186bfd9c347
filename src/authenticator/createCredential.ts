// navigator.credentials.create() for the mock (WebAuthn L3 §5.1.3 client steps, §6.3.2
// authenticatorMakeCredential): options checks, RP ID, algorithm choice, authenticator selection,
// excludeCredentials, extensions, key generation, authenticator data, attestation.
import { toBase64url } from '../webauthn/base64url.js';
import { bytesFromUuid } from '../webauthn/bytes.js';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../webauthn/json.js';
import { chooseAttestation, encodeAttestationObject } from './attestationStatement.js';
import { encodeAuthenticatorData } from './authenticatorDataEncoding.js';
import { canonicalMap, CRED_PROTECT_LEVELS, NEVER_ABORTED, requirePresence, simulateFailure } from './ceremonySteps.js';
import { checkAppId, clientDataJSON, effectiveRpId, isRecord, optionalBytes, requireBytes } from './clientSteps.js';
import { generateCredentialKey, isAlgorithmSupported } from './credentialKeys.js';
import type { StoredCredential } from './credentialStore.js';
import { ceremonyError, throwIfAborted } from './errors.js';
import { evaluatePrf } from './prf.js';
import { nextSignCount, type CeremonyContext, type SoftwareAuthenticator } from './softwareAuthenticator.js';

/** When pubKeyCredParams is empty the client uses ES256 and RS256 (§5.1.3 step 10). */
const DEFAULT_ALGORITHMS = [-7, -257];
const CREDENTIAL_ID_LENGTH = 32;

export async function createCredential(
  a: SoftwareAuthenticator,
  options: PublicKeyCredentialCreationOptionsJSON,
  ctx: CeremonyContext,
): Promise<RegistrationResponseJSON> {
  const signal = ctx.signal ?? NEVER_ABORTED;
  const profile = ctx.profile;
  throwIfAborted(signal);

  // IDL conversion of the dictionary: required members and their types.
  if (!isRecord(options)) throw ceremonyError('TypeError', 'publicKey options are required.');
  const { rp, user } = options;
  if (!isRecord(rp) || typeof rp.name !== 'string') throw ceremonyError('TypeError', 'rp with a name is required.');
  if (!isRecord(user) || typeof user.name !== 'string' || typeof user.displayName !== 'string') {
    throw ceremonyError('TypeError', 'user with id, name and displayName is required.');
  }
  const challenge = requireBytes(options.challenge, 'challenge');
  const userId = requireBytes(user.id, 'user.id');
  if (!Array.isArray(options.pubKeyCredParams))
    throw ceremonyError('TypeError', 'pubKeyCredParams is required and must be a sequence.');
  for (const p of options.pubKeyCredParams) {
    if (!isRecord(p) || typeof p.type !== 'string' || typeof p.alg !== 'number') {
      throw ceremonyError('TypeError', 'Each pubKeyCredParams entry needs a type and a numeric alg.');
    }
  }
  // Chromium refuses only the upper bound (an empty user.id succeeds there); the mock answers as it does.
  if (userId.length > 64)
    throw ceremonyError('TypeError', `user.id must be at most 64 bytes long (it is ${userId.length}).`);

  const rpId = effectiveRpId(ctx, rp.id);

  const wanted = options.pubKeyCredParams.length
    ? options.pubKeyCredParams.filter((p) => p.type === 'public-key').map((p) => p.alg)
    : DEFAULT_ALGORITHMS;
  let alg: number | undefined;
  for (const id of wanted) {
    if (profile.algorithms.includes(id) && (await isAlgorithmSupported(id))) {
      alg = id;
      break;
    }
  }
  if (alg === undefined)
    throw ceremonyError(
      'NotSupportedError',
      `None of the requested algorithms (${wanted.join(', ') || 'none'}) is supported by the authenticator "${profile.name}".`,
    );

  const sel = isRecord(options.authenticatorSelection) ? options.authenticatorSelection : {};
  if (
    (sel.authenticatorAttachment === 'platform' || sel.authenticatorAttachment === 'cross-platform') &&
    sel.authenticatorAttachment !== profile.attachment
  ) {
    throw ceremonyError(
      'NotAllowedError',
      `The RP asked for a ${sel.authenticatorAttachment} authenticator; the mock profile "${profile.name}" is ${profile.attachment}.`,
    );
  }
  const residentKey = ['required', 'preferred', 'discouraged'].includes(sel.residentKey as string)
    ? (sel.residentKey as string)
    : sel.requireResidentKey === true
      ? 'required'
      : 'discouraged';
  if (residentKey === 'required' && !profile.residentKeys) {
    throw ceremonyError(
      'NotAllowedError',
      `The RP requires a discoverable credential; the mock profile "${profile.name}" cannot store one.`,
    );
  }
  const discoverable = profile.residentKeys && (residentKey !== 'discouraged' || profile.alwaysDiscoverable);
  const uvWanted = typeof sel.userVerification === 'string' ? sel.userVerification : 'preferred';
  if (uvWanted === 'required' && !profile.userVerification) {
    throw ceremonyError(
      'NotAllowedError',
      `The RP requires user verification; the mock profile "${profile.name}" has none.`,
    );
  }
  const uv = uvWanted !== 'discouraged' && profile.userVerification;

  // Extensions: checks the client makes before asking the authenticator.
  const ext = isRecord(options.extensions) ? options.extensions : {};
  if (ext.appidExclude !== undefined) checkAppId(ctx, ext.appidExclude, 'appidExclude');
  const largeBlobIn = isRecord(ext.largeBlob) ? ext.largeBlob : undefined;
  if (largeBlobIn && (largeBlobIn.read !== undefined || largeBlobIn.write !== undefined)) {
    throw ceremonyError('NotSupportedError', 'largeBlob read and write are only valid in get().');
  }
  const largeBlobSupported = !!largeBlobIn && discoverable && profile.extensions.largeBlob;
  if (largeBlobIn?.support === 'required' && !largeBlobSupported) {
    throw ceremonyError(
      'NotAllowedError',
      `largeBlob support is required; the mock profile "${profile.name}" ${discoverable ? 'has no large-blob storage' : 'stores large blobs only for discoverable credentials'}.`,
    );
  }
  const prfIn = isRecord(ext.prf) ? ext.prf : undefined;
  if (prfIn?.evalByCredential !== undefined)
    throw ceremonyError('NotSupportedError', 'prf.evalByCredential is only valid in get().');
  const prfEval = prfIn && isRecord(prfIn.eval) ? prfIn.eval : undefined;
  const prfFirst = prfEval ? requireBytes(prfEval.first, 'prf.eval.first') : undefined;
  const prfSecond = prfEval ? optionalBytes(prfEval.second, 'prf.eval.second') : undefined;
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
  const credProtect = (profile.extensions.credProtect && credProtectAsked) || 1;

  await simulateFailure(ctx.failure === 'no-credential' ? undefined : ctx.failure, options.timeout, signal);

  // excludeCredentials: the authenticator already holds one of them → InvalidStateError after a touch.
  const excluded = Array.isArray(options.excludeCredentials) ? options.excludeCredentials : [];
  const excludedIds = excluded
    .filter((d) => isRecord(d) && d.type === 'public-key')
    .map((d) => requireBytes(d.id, 'excludeCredentials[].id'));
  if (excludedIds.length) {
    // Looked up by id: listing copies every credential the RP ID has.
    const held = await Promise.all(excludedIds.map((id) => a.store.get(toBase64url(id))));
    const hit = held.find((c) => c?.rpId === rpId);
    if (hit) {
      await requirePresence(
        a,
        ctx.prompts,
        {
          ceremony: 'create',
          rpId,
          origin: ctx.origin,
          userName: user.name,
          userVerification: false,
          purpose: 'exclude',
        },
        signal,
      );
      throw ceremonyError(
        'InvalidStateError',
        'The user attempted to register an authenticator that contains one of the credentials already registered with the relying party.',
      );
    }
  }

  await requirePresence(
    a,
    ctx.prompts,
    { ceremony: 'create', rpId, origin: ctx.origin, userName: user.name, userVerification: uv, purpose: 'register' },
    signal,
  );

  const key = await generateCredentialKey(alg);
  const credentialId = crypto.getRandomValues(new Uint8Array(CREDENTIAL_ID_LENGTH));
  const prfSecret = crypto.getRandomValues(new Uint8Array(32));
  const id = toBase64url(credentialId);
  const signCount = profile.signCount.policy === 'increment' ? 0 : nextSignCount(0, profile);
  const prfSupported = !!prfIn && profile.extensions.prf;

  const authExt: Array<[string, unknown]> = [];
  if (credProtectAsked && profile.extensions.credProtect) authExt.push(['credProtect', credProtect]);
  if (prfSupported) authExt.push(['hmac-secret', true]);
  if (ext.minPinLength === true && profile.extensions.minPinLength)
    authExt.push(['minPinLength', profile.minPinLength]);

  const cdj = clientDataJSON('webauthn.create', challenge, ctx);
  const authData = await encodeAuthenticatorData({
    rpId,
    flags: { UP: true, UV: uv, BE: profile.backupEligible, BS: profile.backupEligible && profile.backupState },
    signCount,
    attestedCredentialData: { aaguid: bytesFromUuid(profile.aaguid), credentialId, cosePublicKey: key.cosePublicKey },
    extensions: canonicalMap(authExt),
  });
  const kind = chooseAttestation(options.attestation, options.attestationFormats, profile.attestation);
  const attestationObject = await encodeAttestationObject({
    kind,
    authData,
    clientDataJSON: cdj,
    credential: { alg, key: key.privateKey },
    signer: () => a.attestationCa.signerFor(profile.aaguid),
  });

  const results: Record<string, unknown> = {};
  if (ext.credProps === true) results.credProps = { rk: discoverable };
  if (prfIn) {
    results.prf = prfSupported ? { enabled: true } : { enabled: false };
    if (prfSupported && prfFirst) {
      const first = toBase64url(await evaluatePrf(prfSecret, prfFirst));
      (results.prf as Record<string, unknown>).results = prfSecond
        ? { first, second: toBase64url(await evaluatePrf(prfSecret, prfSecond)) }
        : { first };
    }
  }
  if (largeBlobIn) results.largeBlob = { supported: largeBlobSupported };
  if (ext.appidExclude !== undefined) results.appidExclude = true;

  const now = a.now();
  const stored: StoredCredential = {
    id,
    rpId,
    userHandle: toBase64url(userId),
    userName: user.name,
    userDisplayName: user.displayName,
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
    credProtect,
    largeBlobSupported,
    createdAt: now,
    secret: await a.vault.seal({ pkcs8: key.pkcs8, prfSecret }),
  };
  throwIfAborted(signal);
  // A discoverable credential replaces the one the same authenticator holds for the same account (CTAP2 §6.1.2).
  if (discoverable) {
    for (const c of await a.store.list(rpId)) {
      if (c.discoverable && c.userHandle === stored.userHandle && c.profileId === profile.id) {
        await a.store.delete(c.id);
        a.forget(c.id);
      }
    }
  }
  await a.store.put(stored);
  a.remember(id, { key: key.privateKey, prfSecret });

  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: profile.attachment,
    response: {
      clientDataJSON: toBase64url(cdj),
      authenticatorData: toBase64url(authData),
      transports: stored.transports,
      publicKey: stored.spki,
      publicKeyAlgorithm: alg,
      attestationObject: toBase64url(attestationObject),
    },
    clientExtensionResults: results,
  };
}
