// Related Origin Requests (WebAuthn L3 §5.11): an RP ID that is not a registrable suffix of the caller's origin
// is still allowed when `https://<rp id>/.well-known/webauthn` lists the caller's origin. The list counts at
// most five distinct registrable labels ("example" of example.com and example.co.uk are one), so that one RP
// cannot vouch for unlimited sites.
import { parse } from 'tldts';

export const MAX_RELATED_LABELS = 5;

/** The well-known resource's URL for an RP ID. */
export const relatedOriginsUrl = (rpId: string): string => `https://${rpId}/.well-known/webauthn`;

/** The label of a host's registrable domain without its public suffix ("example" for www.example.co.uk). */
function registrableLabel(host: string): string | undefined {
  const info = parse(host, { allowPrivateDomains: true });
  if (!info.domain || !info.publicSuffix) return undefined;
  const label = info.domain.slice(0, info.domain.length - info.publicSuffix.length - 1);
  return label || undefined;
}

/** Whether the parsed well-known JSON lets `callerOrigin` use the RP ID (§5.11.1 "validating related origins"). */
export function relatedOriginAllowed(wellKnown: unknown, callerOrigin: string): boolean {
  const origins = (wellKnown as { origins?: unknown } | null)?.origins;
  if (!Array.isArray(origins)) return false;
  const labels = new Set<string>();
  for (const item of origins) {
    if (typeof item !== 'string') continue;
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      continue;
    }
    const label = registrableLabel(url.hostname);
    if (!label) continue;
    if (labels.size >= MAX_RELATED_LABELS && !labels.has(label)) continue;
    if (url.origin === callerOrigin) return true;
    labels.add(label);
  }
  return false;
}
