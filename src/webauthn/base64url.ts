// base64url without padding (RFC 4648 §5), the encoding of every binary field in WebAuthn JSON.
import { fail, ok, type Decoded } from './result.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
// Standard base64 letters are accepted on input, as browsers' JSON parsers accept them.
LOOKUP['+'.charCodeAt(0)] = 62;
LOOKUP['/'.charCodeAt(0)] = 63;

export function toBase64url(data: Uint8Array | ArrayBuffer): string {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < b.length) out += ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes base64url (padding and standard-alphabet letters tolerated); reports the first bad character. */
export function fromBase64url(s: string): Decoded<Uint8Array> {
  if (typeof s !== 'string') return fail('not a string');
  let end = s.length;
  while (end > 0 && s[end - 1] === '=') end--;
  if (end % 4 === 1) return fail(`length ${end} is not a valid base64url length`, end);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) return fail(`invalid base64url character ${JSON.stringify(s[i])} at index ${i}`, i);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return ok(out);
}

/** For callers that already validated the input (or build it themselves): throws on bad input. */
export function base64urlToBytes(s: string): Uint8Array {
  const r = fromBase64url(s);
  if (!r.ok) throw new TypeError(`base64url: ${r.error.what}`);
  return r.value;
}
