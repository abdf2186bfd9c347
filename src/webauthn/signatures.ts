// Signatures: ECDSA's two encodings (WebAuthn carries ASN.1 DER, WebCrypto wants raw r‖s) and verification
// of assertion and packed self-attestation signatures with WebCrypto.
import { COSE_CURVES, algorithmName, coseAlgorithm, webCryptoParams } from './algorithms.js';
import { concatBytes, sha256, toArrayBuffer, toHex } from './bytes.js';
import { coseKeyToJwk, coseVerifyKey, type CoseKey } from './cose.js';
import { fail, ok, type Decoded } from './result.js';

export interface DerSignature {
  /** r and s as unsigned big-endian hex, without DER's sign padding. */
  r: string;
  s: string;
  /** Byte lengths of the unsigned integers. */
  rLength: number;
  sLength: number;
}

function readLength(b: Uint8Array, at: number): Decoded<{ length: number; next: number }> {
  if (at >= b.length) return fail('DER length missing', at);
  const first = b[at]!;
  if (first < 0x80) return ok({ length: first, next: at + 1 });
  const n = first & 0x7f;
  if (n === 0 || n > 2) return fail(`DER length form 0x${first.toString(16)} not allowed here`, at);
  if (at + 1 + n > b.length) return fail('DER length truncated', at);
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + b[at + 1 + i]!;
  if (length < 0x80 || (n === 2 && length < 0x100)) return fail('DER length not minimally encoded', at);
  return ok({ length, next: at + 1 + n });
}

function readInteger(b: Uint8Array, at: number, name: string): Decoded<{ value: Uint8Array; next: number }> {
  if (b[at] !== 0x02)
    return fail(
      `DER ${name}: expected INTEGER (0x02), found ${at < b.length ? '0x' + b[at]!.toString(16).padStart(2, '0') : 'end of data'}`,
      at,
    );
  const len = readLength(b, at + 1);
  if (!len.ok) return len;
  const { length, next } = len.value;
  if (length === 0) return fail(`DER ${name} is empty`, at);
  if (next + length > b.length) return fail(`DER ${name} runs past the end`, at);
  let v = b.subarray(next, next + length);
  if (v[0]! & 0x80) return fail(`DER ${name} is negative`, at);
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) return fail(`DER ${name} has a superfluous leading zero`, at);
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return ok({ value: v, next: next + length });
}

function parseDer(der: Uint8Array): Decoded<{ r: Uint8Array; s: Uint8Array }> {
  if (!(der instanceof Uint8Array)) return fail('signature is not bytes');
  if (der[0] !== 0x30)
    return fail(
      `ECDSA signature is not a DER SEQUENCE (first byte ${der.length ? '0x' + der[0]!.toString(16).padStart(2, '0') : 'missing'})`,
      0,
    );
  const len = readLength(der, 1);
  if (!len.ok) return len;
  const end = len.value.next + len.value.length;
  if (end > der.length)
    return fail(`DER SEQUENCE claims ${len.value.length} bytes; ${der.length - len.value.next} present`, 1);
  if (end < der.length) return fail(`${der.length - end} trailing bytes after the DER signature at offset ${end}`, end);
  const r = readInteger(der, len.value.next, 'r');
  if (!r.ok) return r;
  const s = readInteger(der, r.value.next, 's');
  if (!s.ok) return s;
  if (s.value.next !== end) return fail(`${end - s.value.next} extra bytes inside the DER SEQUENCE`, s.value.next);
  return ok({ r: r.value.value, s: s.value.value });
}

/** The (r, s) pair of a DER ECDSA signature, for display. */
export function parseDerSignature(der: Uint8Array): Decoded<DerSignature> {
  const p = parseDer(der);
  if (!p.ok) return p;
  return ok({ r: toHex(p.value.r), s: toHex(p.value.s), rLength: p.value.r.length, sLength: p.value.s.length });
}

/** DER → raw r‖s, each left-padded to `size` bytes (32 P-256, 48 P-384, 66 P-521). */
export function derToRawSignature(der: Uint8Array, size: number): Decoded<Uint8Array> {
  const p = parseDer(der);
  if (!p.ok) return p;
  const out = new Uint8Array(size * 2);
  for (const [i, v] of [p.value.r, p.value.s].entries()) {
    if (v.length > size) return fail(`ECDSA ${i ? 's' : 'r'} is ${v.length} bytes; at most ${size} for this curve`);
    out.set(v, i * size + size - v.length);
  }
  return ok(out);
}

/** Where the minimal INTEGER body of the unsigned number raw[from, to) starts: leading zeros dropped. */
function integerStart(raw: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to - 1 && raw[i] === 0) i++;
  return i;
}

/**
 * Raw r‖s (WebCrypto's ECDSA output) → DER, as WebAuthn carries it. Written into one buffer: it runs on every
 * assertion the mock signs.
 */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length >> 1;
  const r = integerStart(raw, 0, half);
  const s = integerStart(raw, half, raw.length);
  // A set top bit would read as negative: such a body gets a zero byte in front.
  const rLength = half - r + (raw[r]! >> 7);
  const sLength = raw.length - s + (raw[s]! >> 7);
  const body = 4 + rLength + sLength;
  const out = new Uint8Array((body < 0x80 ? 2 : 3) + body);
  let o = 0;
  out[o++] = 0x30;
  if (body >= 0x80) out[o++] = 0x81;
  out[o++] = body;
  const integer = (start: number, end: number, length: number): void => {
    out[o++] = 0x02;
    out[o++] = length;
    if (length > end - start) out[o++] = 0;
    out.set(raw.subarray(start, end), o);
    o += end - start;
  };
  integer(r, half, rLength);
  integer(s, raw.length, sLength);
  return out;
}

/**
 * Verifies `signature` over `data` with a COSE public key and COSE algorithm. ok(false) means a
 * well-formed signature that does not verify; an error means it could not be checked (unsupported
 * algorithm, key and algorithm disagree, malformed DER, key rejected).
 */
export async function verifySignature(
  key: CoseKey,
  alg: number,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<Decoded<boolean>> {
  const a = coseAlgorithm(alg);
  if (!a) return fail(`unknown COSE algorithm ${alg}`);
  if (a.kty !== key.ktyName)
    return fail(`${a.name} needs a ${a.kty} key; the key is ${key.ktyName ?? `kty ${key.kty}`}`);
  if (a.crv !== undefined && a.crv !== key.crv) {
    return fail(`${a.name} needs curve ${COSE_CURVES[a.crv]?.name}; the key is on ${key.crvName ?? key.crv}`);
  }
  const params = webCryptoParams(alg, key.crv);
  if (!params)
    return fail(
      `${algorithmName(alg)}${a.id === -8 && key.crvName ? ` on ${key.crvName}` : ''} cannot be verified with WebCrypto`,
    );
  const jwk = coseKeyToJwk(key);
  if (!jwk.ok) return jwk;
  let sig = signature;
  if (a.kty === 'EC2') {
    const raw = derToRawSignature(signature, COSE_CURVES[key.crv!]!.size);
    if (!raw.ok) return fail(`signature: ${raw.error.what}`, raw.error.offset);
    sig = raw.value;
  }
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await coseVerifyKey(key, params.importParams);
  } catch (e) {
    return fail(`WebCrypto rejected the public key: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return ok(await crypto.subtle.verify(params.verifyParams, cryptoKey, toArrayBuffer(sig), toArrayBuffer(data)));
  } catch (e) {
    return fail(`WebCrypto could not verify: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The bytes an authenticator signs: authenticatorData ‖ SHA-256(clientDataJSON) (§6.3.3 step 11, §7.2 step 20). */
export async function signedData(authenticatorData: Uint8Array, clientDataJSON: Uint8Array): Promise<Uint8Array> {
  return concatBytes(authenticatorData, await sha256(clientDataJSON));
}

export async function verifyAssertionSignature(
  key: CoseKey,
  alg: number,
  authenticatorData: Uint8Array,
  clientDataJSON: Uint8Array,
  signature: Uint8Array,
): Promise<Decoded<boolean>> {
  return verifySignature(key, alg, await signedData(authenticatorData, clientDataJSON), signature);
}
