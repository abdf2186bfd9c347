// COSE_Key (RFC 9052 §7, RFC 9053 §7, RFC 8230 for RSA): the credential public key format inside
// attested credential data. Decodes, validates, converts to JWK / SPKI / PEM, and encodes for the mock.
import {
  COSE_ALGORITHMS,
  COSE_CURVES,
  COSE_KEY_TYPES,
  COSE_KTY,
  curveByName,
  type CoseKeyTypeName,
} from './algorithms.js';
import { base64urlToBytes, toBase64url } from './base64url.js';
import { concatBytes, fromHex } from './bytes.js';
import { decodeCborItem } from './cborItem.js';
import { fail, ok, type Decoded } from './result.js';

export interface CoseKeyLabel {
  label: number | string;
  /** 'kty', 'alg', 'crv', 'x', 'y', 'n', 'e', 'kid', 'key_ops'… where known. */
  name?: string;
  value: unknown;
}

export interface CoseKey {
  /** COSE key type id (1 OKP, 2 EC2, 3 RSA). */
  kty: number;
  ktyName?: CoseKeyTypeName;
  alg?: number;
  crv?: number;
  crvName?: string;
  x?: Uint8Array;
  y?: Uint8Array;
  n?: Uint8Array;
  e?: Uint8Array;
  /** Every label in the order it appeared, for display. */
  labels: CoseKeyLabel[];
}

const COMMON_LABELS: Record<number, string> = { 1: 'kty', 2: 'kid', 3: 'alg', 4: 'key_ops', 5: 'Base IV' };
const TYPE_LABELS: Record<CoseKeyTypeName, Record<number, string>> = {
  EC2: { [-1]: 'crv', [-2]: 'x', [-3]: 'y', [-4]: 'd' },
  OKP: { [-1]: 'crv', [-2]: 'x', [-4]: 'd' },
  RSA: {
    [-1]: 'n',
    [-2]: 'e',
    [-3]: 'd',
    [-4]: 'p',
    [-5]: 'q',
    [-6]: 'dP',
    [-7]: 'dQ',
    [-8]: 'qInv',
    [-9]: 'other',
    [-10]: 'r_i',
    [-11]: 'd_i',
    [-12]: 't_i',
  },
};
const PRIVATE_LABELS: Record<CoseKeyTypeName, number[]> = { EC2: [-4], OKP: [-4], RSA: [-3, -4, -5, -6, -7, -8] };

/** Decodes the COSE_Key at the start of `bytes`; `length` is the bytes it used (what follows is not its). */
export function decodeCoseKey(bytes: Uint8Array): Decoded<{ key: CoseKey; length: number }> {
  const item = decodeCborItem(bytes, 0);
  if (!item.ok) return item;
  const key = coseKeyFromMap(item.value.value);
  if (!key.ok) return key;
  return ok({ key: key.value, length: item.value.length });
}

const bstr = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

export function coseKeyFromMap(map: unknown): Decoded<CoseKey> {
  if (!(map instanceof Map)) return fail('COSE_Key is not a CBOR map');
  const kty = map.get(1);
  if (kty === undefined) return fail('COSE_Key has no kty (label 1)');
  if (typeof kty !== 'number') return fail(`COSE_Key kty is ${typeof kty}, expected an integer`);
  const ktyName = COSE_KEY_TYPES[kty];
  if (!ktyName) return fail(`COSE_Key kty ${kty} is not OKP (1), EC2 (2) or RSA (3)`);
  const labels: CoseKeyLabel[] = [];
  for (const [label, value] of map) {
    const name =
      typeof label === 'number' ? (label > 0 ? COMMON_LABELS[label] : TYPE_LABELS[ktyName][label]) : undefined;
    labels.push({ label: label as number | string, ...(name ? { name } : {}), value });
  }
  for (const p of PRIVATE_LABELS[ktyName]) {
    if (map.has(p)) return fail(`COSE_Key carries private key material (label ${p}); a public key must not`);
  }
  const key: CoseKey = { kty, ktyName, labels };
  const alg = map.get(3);
  if (alg !== undefined) {
    if (typeof alg !== 'number' || !Number.isInteger(alg)) return fail('COSE_Key alg (label 3) is not an integer');
    key.alg = alg;
    const known = COSE_ALGORITHMS[alg];
    if (known && known.kty !== ktyName)
      return fail(`COSE_Key alg ${known.name} needs kty ${known.kty}, key is ${ktyName}`);
  }
  if (ktyName === 'RSA') {
    const n = map.get(-1),
      e = map.get(-2);
    if (!bstr(n)) return fail('RSA COSE_Key n (label -1) is missing or not a byte string');
    if (!bstr(e)) return fail('RSA COSE_Key e (label -2) is missing or not a byte string');
    if (n.length < 128) return fail(`RSA modulus is ${n.length * 8} bits; at least 1024 expected`);
    if (e.length === 0 || e.length > 8) return fail(`RSA exponent is ${e.length} bytes`);
    return ok({ ...key, n, e });
  }
  const crv = map.get(-1);
  if (typeof crv !== 'number') return fail(`${ktyName} COSE_Key crv (label -1) is missing or not an integer`);
  const curve = COSE_CURVES[crv];
  if (!curve) return fail(`${ktyName} COSE_Key crv ${crv} is not a known curve`);
  if (curve.kty !== ktyName) return fail(`curve ${curve.name} belongs to kty ${curve.kty}, key is ${ktyName}`);
  key.crv = crv;
  key.crvName = curve.name;
  if (key.alg !== undefined) {
    const a = COSE_ALGORITHMS[key.alg];
    if (a?.crv !== undefined && a.crv !== crv)
      return fail(`COSE_Key alg ${a.name} needs curve ${COSE_CURVES[a.crv]!.name}, key is on ${curve.name}`);
  }
  const x = map.get(-2);
  if (!bstr(x)) return fail(`${ktyName} COSE_Key x (label -2) is missing or not a byte string`);
  if (x.length !== curve.size) return fail(`${curve.name} x is ${x.length} bytes; ${curve.size} expected`);
  key.x = x;
  if (ktyName === 'EC2') {
    const y = map.get(-3);
    if (typeof y === 'boolean')
      return fail('EC2 COSE_Key uses point compression (y is a boolean); WebAuthn keys carry y');
    if (!bstr(y)) return fail('EC2 COSE_Key y (label -3) is missing or not a byte string');
    if (y.length !== curve.size) return fail(`${curve.name} y is ${y.length} bytes; ${curve.size} expected`);
    key.y = y;
  }
  return ok(key);
}

export function coseKeyToJwk(key: CoseKey): Decoded<JsonWebKey> {
  if (key.ktyName === 'RSA') {
    if (!key.n || !key.e) return fail('RSA key lacks n or e');
    return ok({ kty: 'RSA', n: toBase64url(key.n), e: toBase64url(key.e), ext: true });
  }
  const curve = key.crv === undefined ? undefined : COSE_CURVES[key.crv];
  if (!curve || !key.x) return fail('key lacks a known curve or x');
  if (key.ktyName === 'EC2') {
    if (!key.y) return fail('EC2 key lacks y');
    return ok({ kty: 'EC', crv: curve.name, x: toBase64url(key.x), y: toBase64url(key.y), ext: true });
  }
  if (key.ktyName === 'OKP') return ok({ kty: 'OKP', crv: curve.name, x: toBase64url(key.x), ext: true });
  return fail(`kty ${key.kty} has no JWK form here`);
}

/** WebCrypto import parameters that accept this key (any hash: SPKI does not record one). */
/** Keys imported for verifying, by COSE key and import parameters: a log's registration key verifies each of
 *  its assertions, and a ceremony's decoders share one import. */
const verifyKeys = new WeakMap<CoseKey, Map<string, Promise<CryptoKey>>>();

/** The key as a WebCrypto key for `verify`, imported once per parameters; rejects when WebCrypto refuses it. */
export function coseVerifyKey(
  key: CoseKey,
  params: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams,
): Promise<CryptoKey> {
  let byParams = verifyKeys.get(key);
  if (!byParams) verifyKeys.set(key, (byParams = new Map()));
  const id = JSON.stringify(params);
  let k = byParams.get(id);
  if (!k) {
    const jwk = coseKeyToJwk(key);
    k = jwk.ok
      ? crypto.subtle.importKey('jwk', jwk.value, params, false, ['verify'])
      : Promise.reject(new Error(jwk.error.what));
    byParams.set(id, k);
    k.catch(() => undefined);
  }
  return k;
}

export function importParamsFor(key: CoseKey): EcKeyImportParams | RsaHashedImportParams | Algorithm | undefined {
  if (key.ktyName === 'RSA') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return key.crv === undefined ? undefined : COSE_CURVES[key.crv]?.importParams;
}

/** SubjectPublicKeyInfo DER of the key: a fixed prefix and the point for the curves that have one, else WebCrypto import → export. */
export async function coseKeyToSpki(key: CoseKey): Promise<Decoded<Uint8Array>> {
  const curve = key.crv === undefined ? undefined : COSE_CURVES[key.crv];
  if (curve?.spkiPrefix && key.x) {
    const point = curve.kty === 'EC2' && key.y ? concatBytes(new Uint8Array([4]), key.x, key.y) : key.x;
    return ok(concatBytes(fromHex(curve.spkiPrefix), point));
  }
  const jwk = coseKeyToJwk(key);
  if (!jwk.ok) return jwk;
  const params = importParamsFor(key);
  if (!params) return fail('WebCrypto cannot import this key type');
  try {
    const k = await crypto.subtle.importKey('jwk', jwk.value, params, true, ['verify']);
    return ok(new Uint8Array(await crypto.subtle.exportKey('spki', k)));
  } catch (e) {
    return fail(`WebCrypto rejected the public key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function spkiToPem(spki: Uint8Array): string {
  const b64 = toBase64url(spki).replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const lines = padded.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

// --- Encoding (the mock authenticator's credential public keys) ---

function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return new Uint8Array([m | n]);
  if (n < 0x100) return new Uint8Array([m | 24, n]);
  if (n < 0x10000) return new Uint8Array([m | 25, n >> 8, n & 0xff]);
  return new Uint8Array([m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}
const cborInt = (v: number): Uint8Array => (v >= 0 ? head(0, v) : head(1, -1 - v));
const cborBytes = (b: Uint8Array): Uint8Array => concatBytes(head(2, b.length), b);

/**
 * A public JWK as a COSE_Key in CTAP2 canonical order (1 kty, 3 alg, -1, -2, -3). Throws on a JWK that
 * is not a public EC (P-256/384/521), OKP (Ed25519) or RSA key: callers build it from their own keys.
 */
export function encodeCoseKey(jwk: JsonWebKey, alg: number): Uint8Array {
  const b = (s: string | undefined, what: string): Uint8Array => {
    if (typeof s !== 'string') throw new TypeError(`encodeCoseKey: JWK lacks ${what}`);
    return base64urlToBytes(s);
  };
  const entries: Array<[number, Uint8Array]> = [];
  if (jwk.kty === 'EC' || jwk.kty === 'OKP') {
    const curve = curveByName(jwk.crv ?? '');
    if (!curve || curve.kty !== (jwk.kty === 'EC' ? 'EC2' : 'OKP'))
      throw new TypeError(`encodeCoseKey: unsupported curve ${jwk.crv}`);
    entries.push(
      [1, cborInt(COSE_KTY[curve.kty])],
      [3, cborInt(alg)],
      [-1, cborInt(curve.id)],
      [-2, cborBytes(b(jwk.x, 'x'))],
    );
    if (curve.kty === 'EC2') entries.push([-3, cborBytes(b(jwk.y, 'y'))]);
  } else if (jwk.kty === 'RSA') {
    entries.push(
      [1, cborInt(COSE_KTY.RSA)],
      [3, cborInt(alg)],
      [-1, cborBytes(b(jwk.n, 'n'))],
      [-2, cborBytes(b(jwk.e, 'e'))],
    );
  } else {
    throw new TypeError(`encodeCoseKey: unsupported JWK kty ${jwk.kty}`);
  }
  return concatBytes(head(5, entries.length), ...entries.flatMap(([label, value]) => [cborInt(label), value]));
}
