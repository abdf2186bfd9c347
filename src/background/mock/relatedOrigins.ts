// Fetches an RP ID's related-origins list for the mock, as Chromium does for its own authenticators: from the
// background, without credentials or referrer, no redirects, JSON only, bounded in size and time. A short cache
// keeps a burst of ceremonies from fetching once each.
import { relatedOriginAllowed, relatedOriginsUrl } from '../../webauthn/relatedOrigins.js';
import { isValidRpId, validateRpId } from '../../webauthn/rpId.js';

const TIMEOUT_MS = 5_000;
const MAX_BYTES = 64 * 1024;
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; json: Promise<unknown> }>();

async function fetchList(rpId: string): Promise<unknown> {
  const r = await fetch(relatedOriginsUrl(rpId), {
    credentials: 'omit',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const type = r.headers.get('content-type') ?? '';
  if (!r.ok || !/^application\/json\b/i.test(type)) return undefined;
  const text = await r.text();
  return text.length > MAX_BYTES ? undefined : (JSON.parse(text) as unknown);
}

/**
 * The RP ID a ceremony may use through Related Origin Requests: `rpId` when it is not the caller's own (or a
 * suffix of it), is a valid domain, and its well-known list names the caller's origin; undefined otherwise.
 */
export async function relatedRpId(callerOrigin: string, rpId: unknown): Promise<string | undefined> {
  if (typeof rpId !== 'string' || !isValidRpId(rpId) || validateRpId(callerOrigin, rpId).ok) return undefined;
  let entry = cache.get(rpId);
  if (!entry || Date.now() - entry.at > CACHE_MS) {
    entry = { at: Date.now(), json: fetchList(rpId).catch(() => undefined) };
    cache.set(rpId, entry);
  }
  return relatedOriginAllowed(await entry.json, callerOrigin) ? rpId : undefined;
}
