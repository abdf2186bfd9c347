// create()'s option checks (WebAuthn L3 §5.1.3 client steps, the IDL conversions before them, and the
// authenticator selection): what the ceremony will do, or the error a browser gives for the options.
import type { PublicKeyCredentialCreationOptionsJSON } from '../webauthn/json.js';
import type { CeremonyContext } from './ceremonyContext.js';
import { effectiveRpId, requireBytes } from './clientSteps.js';
import { isAlgorithmSupported } from './credentialKeys.js';
import { isRecord } from '../webauthn/json.js';
import { ceremonyError } from './errors.js';
import { checkCreationClient } from './clientChecks.js';
import { truncateName } from './storageLimits.js';

/** When pubKeyCredParams is empty the client uses ES256 and RS256 (§5.1.3 step 10). */
const DEFAULT_ALGORITHMS = [-7, -257];
const RESIDENT_KEY_VALUES = ['required', 'preferred', 'discouraged'];

export interface CreationPlan {
  challenge: Uint8Array;
  userId: Uint8Array;
  userName: string;
  userDisplayName: string;
  rpId: string;
  alg: number;
  discoverable: boolean;
  /** The authenticator verifies the user. */
  uv: boolean;
  /** excludeCredentials ids of type public-key. */
  excludedIds: Uint8Array[];
}

export async function checkCreationOptions(
  options: PublicKeyCredentialCreationOptionsJSON,
  ctx: CeremonyContext,
): Promise<CreationPlan> {
  const profile = ctx.profile;
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
  // Chromium refuses only the upper bound of user.id (an empty one succeeds there), among these checks.
  checkCreationClient(options as unknown as Record<string, unknown>);

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
  // No public-key entry is the client's NotSupportedError (§5.1.3); an authenticator without any of the
  // algorithms is its own error, which Chromium (and web-platform-tests) report as NotAllowedError.
  if (wanted.length === 0)
    throw ceremonyError('NotSupportedError', 'pubKeyCredParams has no entry of type "public-key".');
  if (alg === undefined)
    throw ceremonyError(
      'NotAllowedError',
      `None of the requested algorithms (${wanted.join(', ')}) is supported by the authenticator "${profile.name}".`,
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
  // §5.4.4: residentKey wins when present; requireResidentKey only matters for clients that predate it.
  const residentKey = RESIDENT_KEY_VALUES.includes(sel.residentKey as string)
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
  const uvWanted = typeof sel.userVerification === 'string' ? sel.userVerification : 'preferred';
  if (uvWanted === 'required' && !profile.userVerification) {
    throw ceremonyError(
      'NotAllowedError',
      `The RP requires user verification; the mock profile "${profile.name}" has none.`,
    );
  }
  const excluded = Array.isArray(options.excludeCredentials) ? options.excludeCredentials : [];
  return {
    challenge,
    userId,
    userName: truncateName(user.name),
    userDisplayName: truncateName(user.displayName),
    rpId,
    alg,
    discoverable: profile.residentKeys && (residentKey !== 'discouraged' || profile.alwaysDiscoverable),
    uv: uvWanted !== 'discouraged' && profile.userVerification,
    excludedIds: excluded
      .filter((d) => isRecord(d) && d.type === 'public-key')
      .map((d) => requireBytes(d.id, 'excludeCredentials[].id')),
  };
}
