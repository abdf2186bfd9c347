// The client's (browser's) part of both ceremonies that the extension performs for the mock: option checks
// the IDL and the spec's algorithm make, RP ID validation against the caller's real origin, and the
// clientDataJSON a browser would serialize.
import { fromBase64url } from '../webauthn/base64url.js';
import { utf8Encode } from '../webauthn/bytes.js';
import { serializeClientData } from '../webauthn/clientDataSerialize.js';
import { registrableDomain, validateRpId } from '../webauthn/rpId.js';
import { toBase64url } from '../webauthn/base64url.js';
import type { Caller } from '../messages.js';
import { ceremonyError } from './errors.js';
import type { ClientDataFields } from './tamperings.js';
import { unsignedLong } from './idlConversion.js';

/** Who called, as the browser reports it (never what the page claims): the part the ceremonies use. */
export type CeremonyOrigin = Pick<Caller, 'origin' | 'topOrigin' | 'crossOrigin'> & {
  /** An RP ID the caller may use through Related Origin Requests (its well-known list names the caller). */
  relatedRpId?: string;
};

/** base64url member → bytes; a page that passed something else gets the TypeError the IDL conversion gives. */
export function requireBytes(v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string') throw ceremonyError('TypeError', `${what} is required and must be a BufferSource.`);
  const r = fromBase64url(v);
  if (!r.ok) throw ceremonyError('TypeError', `${what} is not valid base64url: ${r.error.what}.`);
  return r.value;
}

export function optionalBytes(v: unknown, what: string): Uint8Array | undefined {
  return v === undefined || v === null ? undefined : requireBytes(v, what);
}

/** The RP ID the ceremony runs for, or the SecurityError a browser throws. */
export function effectiveRpId(caller: CeremonyOrigin, rpId: unknown): string {
  if (rpId !== undefined && typeof rpId !== 'string') throw ceremonyError('TypeError', 'rpId must be a string.');
  const v = validateRpId(caller.origin, rpId);
  if (v.ok) return v.rpId;
  if (rpId !== undefined && rpId === caller.relatedRpId) return rpId;
  throw ceremonyError(v.name, v.message);
}

/** The client data a browser collects for this call (before any tampering), as fields. */
export function clientDataFields(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: Uint8Array,
  caller: CeremonyOrigin,
): ClientDataFields {
  return {
    type,
    challenge: toBase64url(challenge),
    origin: caller.origin,
    crossOrigin: caller.crossOrigin,
    ...(caller.topOrigin !== undefined ? { topOrigin: caller.topOrigin } : {}),
  };
}

export const encodeClientData = (c: ClientDataFields): Uint8Array => utf8Encode(serializeClientData(c));

export function clientDataJSON(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: Uint8Array,
  caller: CeremonyOrigin,
): Uint8Array {
  return encodeClientData(clientDataFields(type, challenge, caller));
}

/**
 * FIDO AppID check as browsers apply it to `appid`/`appidExclude`: an https URL on the caller's own
 * registrable domain (http://localhost counts as the same site as the localhost origin).
 */
export function checkAppId(caller: CeremonyOrigin, appid: unknown, what: string): void {
  if (typeof appid !== 'string') throw ceremonyError('TypeError', `${what} must be a string.`);
  let url: URL;
  let origin: URL;
  try {
    url = new URL(appid);
    origin = new URL(caller.origin);
  } catch {
    throw ceremonyError('SecurityError', `The ${what} extension value "${appid}" is not a URL.`);
  }
  const local = origin.hostname === 'localhost' && url.hostname === 'localhost';
  const sameSite =
    local ||
    (url.protocol === 'https:' &&
      registrableDomain(url.hostname) !== undefined &&
      registrableDomain(url.hostname) === registrableDomain(origin.hostname));
  if (!sameSite)
    throw ceremonyError(
      'SecurityError',
      `The ${what} extension value "${appid}" is not valid for the origin ${caller.origin}.`,
    );
}

/** How long a simulated timeout waits: the RP's hint as given, as Chromium's virtual authenticator takes it. */
export function ceremonyTimeout(timeout: unknown): number {
  return timeout === undefined ? 60_000 : Math.min(unsignedLong(timeout), 600_000);
}

const PROMPT_TIMEOUT = { min: 10_000, max: 600_000 };

/** How long a person has to answer: the RP's hint clamped as Chromium clamps it for real authenticators. */
export function promptTimeout(timeout: unknown): number {
  if (timeout === undefined) return PROMPT_TIMEOUT.max;
  return Math.min(Math.max(unsignedLong(timeout), PROMPT_TIMEOUT.min), PROMPT_TIMEOUT.max);
}
