// get()'s option checks (WebAuthn L3 §5.1.4 client steps and the IDL conversions before them).
import { toBase64url } from '../webauthn/base64url.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '../webauthn/json.js';
import type { CeremonyContext } from './ceremonyContext.js';
import { effectiveRpId, requireBytes } from './clientSteps.js';
import { isRecord } from '../webauthn/json.js';
import { ceremonyError } from './errors.js';
import { checkRequestClient } from './clientChecks.js';

export interface RequestPlan {
  challenge: Uint8Array;
  rpId: string;
  /** allowCredentials ids of type public-key, base64url. */
  allowIds: string[];
  userVerification: string;
  conditional: boolean;
}

export function checkRequestOptions(options: PublicKeyCredentialRequestOptionsJSON, ctx: CeremonyContext): RequestPlan {
  if (!isRecord(options)) throw ceremonyError('TypeError', 'publicKey options are required.');
  const challenge = requireBytes(options.challenge, 'challenge');
  if (options.allowCredentials !== undefined && !Array.isArray(options.allowCredentials)) {
    throw ceremonyError('TypeError', 'allowCredentials must be a sequence.');
  }
  checkRequestClient(options as unknown as Record<string, unknown>);
  const allowIds = [
    ...new Set(
      (options.allowCredentials ?? [])
        .filter((d) => isRecord(d) && d.type === 'public-key')
        .map((d) => toBase64url(requireBytes(d.id, 'allowCredentials[].id'))),
    ),
  ];
  return {
    challenge,
    rpId: effectiveRpId(ctx, options.rpId),
    allowIds,
    userVerification: typeof options.userVerification === 'string' ? options.userVerification : 'preferred',
    conditional: ctx.mediation === 'conditional',
  };
}
