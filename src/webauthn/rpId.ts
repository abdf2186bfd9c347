// RP ID rules (WebAuthn L3 §5.1.3 step 8, §5.1.4 step 8; HTML "is a registrable domain suffix of or is
// equal to"): which RP IDs an origin may use. Public-suffix aware, private suffixes included, so that
// `github.io` or `appspot.com` cannot be claimed by one tenant for all.
import { parse } from 'tldts';

export type RpIdVerdict =
  { ok: true; rpId: string } | { ok: false; name: 'SecurityError' | 'NotAllowedError'; message: string };

const PSL = { allowPrivateDomains: true } as const;

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * Whether the origin is a tuple origin of the web (http or https). Whether it is a secure context is the
 * browser's decision (its flags and allow-lists included): the API exists only there, and the extension's
 * bridge answers only frames the browser calls secure.
 */
export function isWebOrigin(origin: string): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  return u.protocol === 'https:' || u.protocol === 'http:';
}

/** The RP ID a ceremony uses when the options name none: the origin's effective domain. */
export function defaultRpId(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

/** Whether `rpId` equals the origin's host or is a registrable domain suffix of it. */
export function validateRpId(origin: string, rpId: string | undefined): RpIdVerdict {
  const key = `${origin} ${rpId ?? ''} ${rpId === undefined}`;
  let v = verdicts.get(key);
  if (!v) {
    if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
    v = Object.freeze(judgeRpId(origin, rpId));
    verdicts.set(key, v);
  }
  return v;
}

/**
 * Verdicts by origin and RP ID: every ceremony asks, usually the same question, and the public-suffix lookup
 * costs more than the rest of the mock's option checks. Bounded, so that a page cycling RP IDs cannot grow it.
 */
const verdicts = new Map<string, RpIdVerdict>();
const VERDICTS_KEPT = 256;

function judgeRpId(origin: string, rpId: string | undefined): RpIdVerdict {
  if (!isWebOrigin(origin)) {
    return { ok: false, name: 'SecurityError', message: `The origin ${origin} cannot use WebAuthn.` };
  }
  const host = new URL(origin).hostname;
  const id = rpId ?? host;
  if (id === '') return { ok: false, name: 'SecurityError', message: 'The relying party ID is empty.' };
  // The spec's host parsing would lower-case it; Chromium compares as given and refuses, and so do we, so
  // that an RP ID that fails in Chromium fails here too.
  if (id !== id.toLowerCase()) {
    return { ok: false, name: 'SecurityError', message: `The relying party ID "${id}" is not in lower case.` };
  }
  const info = parse(host, PSL);
  if (info.isIp) {
    return id === host
      ? { ok: false, name: 'SecurityError', message: `IP address origins (${host}) cannot use WebAuthn.` }
      : { ok: false, name: 'SecurityError', message: `The relying party ID "${id}" is not valid for ${origin}.` };
  }
  const suffixOk = host === id || host.endsWith(`.${id}`);
  if (!suffixOk) {
    return {
      ok: false,
      name: 'SecurityError',
      message: `The relying party ID "${id}" is not a registrable domain suffix of, nor equal to, the current domain "${host}".`,
    };
  }
  if (!isLocalhost(id)) {
    const idInfo = parse(id, PSL);
    if (idInfo.isIp || !idInfo.domain || idInfo.publicSuffix === id) {
      return { ok: false, name: 'SecurityError', message: `The relying party ID "${id}" is a public suffix.` };
    }
  }
  return { ok: true, rpId: id };
}

/** The registrable domain (eTLD+1) of a host, for grouping and display. */
export function registrableDomain(host: string): string | undefined {
  return parse(host, PSL).domain ?? undefined;
}

/** Whether `rpId` is a domain some origin may use as its RP ID: lower case, not an IP, not a public suffix. */
export function isValidRpId(rpId: string): boolean {
  if (!rpId || rpId !== rpId.toLowerCase() || rpId.length > 253) return false;
  if (isLocalhost(rpId)) return true;
  const info = parse(rpId, PSL);
  return !info.isIp && !!info.domain && info.publicSuffix !== rpId && info.hostname === rpId;
}
