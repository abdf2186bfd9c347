// base64url both ways with captured built-ins only, for the page's MAIN world: the hook encodes what a page
// passes (it carries only this half, to stay small) and the mock's page side decodes what the worker answers.
// The core's codec (src/webauthn/base64url.ts) reads globals when it runs, which a page may have replaced.
import * as N from './natives.js';

export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64url(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < b.length) s += ALPHABET[(n >> 6) & 63]!;
  }
  return s;
}

let DECODE: Record<string, number> | undefined;
/** Built on first use, so the hook (which only encodes) carries none of it. */
function decodeTable(): Record<string, number> {
  if (DECODE) return DECODE;
  DECODE = { '+': 62, '/': 63 };
  for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET[i]!] = i;
  return DECODE;
}

/** base64url (or base64) text → a fresh ArrayBuffer; characters outside the alphabet are skipped. */
export function base64urlToBuffer(s: string): ArrayBuffer {
  const table = decodeTable();
  const out = new N.Uint8Array(((s.length * 3) >> 2) + 3);
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = table[s[i]!];
    if (v === undefined) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.buffer.slice(0, o) as ArrayBuffer;
}
