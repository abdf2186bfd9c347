// base64url (or base64) decoding for the mock's page side, with captured built-ins only: the worker's answers
// carry every buffer of a credential in this form.
import { ALPHABET } from '../base64url.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
const call = N.call;

/** Character code → 6-bit value, 64 for characters outside the alphabets. */
const DECODE = /* @__PURE__ */ (() => {
  const t = new N.Uint8Array(128);
  for (let i = 0; i < 128; i++) t[i] = 64;
  for (let i = 0; i < ALPHABET.length; i++) t[call(M.charCodeAt, ALPHABET, [i]) as number] = i;
  t[43] = 62; // '+'
  t[47] = 63; // '/'
  return t;
})();

/** base64url (or base64) text → a fresh ArrayBuffer; characters outside the alphabet are skipped. */
export function base64urlToBuffer(s: string): ArrayBuffer {
  const out = new N.Uint8Array(((s.length * 3) >> 2) + 3);
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = call(M.charCodeAt, s, [i]) as number;
    const v = c < 128 ? DECODE[c]! : 64;
    if (v === 64) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return call(M.arrayBufferSlice, call(N.viewBuffer!, out, []), [0, o]) as ArrayBuffer;
}
