// base64url text back to bytes, for the ArrayBuffers of a credential the mock answered.
import * as N from '../natives.js';
import { ALPHABET } from '../serialize.js';

const DECODE: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET[i]!] = i;
DECODE['+'] = 62;
DECODE['/'] = 63;

/** base64url (or base64) text → a fresh ArrayBuffer; characters outside the alphabet are skipped. */
export function base64urlToBuffer(s: string): ArrayBuffer {
  const out = new N.Uint8Array(((s.length * 3) >> 2) + 3);
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = DECODE[s[i]!];
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
