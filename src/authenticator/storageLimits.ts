// What one page can make the mock keep: names are truncated as CTAP2 authenticators truncate them (§6.1.2:
// to 64 bytes, at a character boundary; Chromium passes even a 900 KB user.name to its virtual authenticator
// untruncated), and the credentials the mock holds are capped per RP ID and in total. Without these a page
// could grow the store, and every list of it, without bound.
import { ceremonyError } from './errors.js';

export const MAX_NAME_BYTES = 64;
export const MAX_CREDENTIALS_PER_RP = 500;
export const MAX_CREDENTIALS = 10_000;

const UTF8 = new TextEncoder();

/** `s` cut to at most MAX_NAME_BYTES of UTF-8, never inside a character. */
export function truncateName(s: string): string {
  if (s.length <= MAX_NAME_BYTES / 4 || UTF8.encode(s).length <= MAX_NAME_BYTES) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = UTF8.encode(ch).length;
    if (bytes + n > MAX_NAME_BYTES) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Throws the authenticator's "storage full" (a NotAllowedError, as browsers report it) when a cap is reached. */
export function checkRoom(forRp: number, total: number, rpId: string): void {
  if (forRp >= MAX_CREDENTIALS_PER_RP)
    throw ceremonyError(
      'NotAllowedError',
      `The mock authenticator is full for ${rpId}: it holds ${MAX_CREDENTIALS_PER_RP} credentials for one RP ID at most. Delete some in the popup.`,
    );
  if (total >= MAX_CREDENTIALS)
    throw ceremonyError(
      'NotAllowedError',
      `The mock authenticator is full: it holds ${MAX_CREDENTIALS} credentials at most. Delete some in the popup.`,
    );
}
