// Credential key pairs with WebCrypto: which COSE algorithms the mock can create, how to generate, import
// and sign with each, and how its signatures are carried (ECDSA as DER, as WebAuthn requires).
import { encodeCoseKey } from '../webauthn/cose.js';
import { rawToDerSignature } from '../webauthn/signatures.js';
import { cryptoView, toArrayBuffer } from '../webauthn/bytes.js';

export interface CredentialKeyAlgorithm {
  alg: number;
  name: string;
  generate: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  sign: EcdsaParams | RsaPssParams | Algorithm;
  /** WebCrypto emits raw r‖s for ECDSA; WebAuthn carries DER. */
  derSignature: boolean;
}

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);
const ec = (alg: number, name: string, namedCurve: string, hash: string): CredentialKeyAlgorithm => ({
  alg,
  name,
  generate: { name: 'ECDSA', namedCurve },
  sign: { name: 'ECDSA', hash },
  derSignature: true,
});
const rsa = (
  alg: number,
  name: string,
  scheme: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS',
  sign: Algorithm | RsaPssParams,
): CredentialKeyAlgorithm => ({
  alg,
  name,
  generate: {
    name: scheme,
    modulusLength: 2048,
    publicExponent: RSA_EXPONENT,
    hash: 'SHA-256',
  } as RsaHashedKeyGenParams,
  sign,
  derSignature: false,
});

/** In order of preference when the RP's list leaves the choice open (it never does: its order wins). */
export const CREDENTIAL_KEY_ALGORITHMS: readonly CredentialKeyAlgorithm[] = [
  ec(-7, 'ES256', 'P-256', 'SHA-256'),
  ec(-35, 'ES384', 'P-384', 'SHA-384'),
  ec(-36, 'ES512', 'P-521', 'SHA-512'),
  { alg: -8, name: 'EdDSA', generate: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, derSignature: false },
  { alg: -19, name: 'Ed25519', generate: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, derSignature: false },
  rsa(-257, 'RS256', 'RSASSA-PKCS1-v1_5', { name: 'RSASSA-PKCS1-v1_5' }),
  rsa(-37, 'PS256', 'RSA-PSS', { name: 'RSA-PSS', saltLength: 32 } as RsaPssParams),
];

export const credentialKeyAlgorithm = (alg: number): CredentialKeyAlgorithm | undefined =>
  CREDENTIAL_KEY_ALGORITHMS.find((a) => a.alg === alg);

const support = new Map<number, Promise<boolean>>();
/** Whether this runtime's WebCrypto can make keys for `alg` (Ed25519 is recent in browsers). */
export function isAlgorithmSupported(alg: number): Promise<boolean> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) return Promise.resolve(false);
  let p = support.get(alg);
  if (!p) {
    p =
      a.generate.name === 'Ed25519'
        ? crypto.subtle.generateKey(a.generate, false, ['sign', 'verify']).then(
            () => true,
            () => false,
          )
        : Promise.resolve(true);
    support.set(alg, p);
  }
  return p;
}

export interface GeneratedCredentialKey {
  /** PKCS#8 of the private key: sealed by the key vault, never stored in the clear. */
  pkcs8: Uint8Array;
  /** The signing key, non-extractable. */
  privateKey: CryptoKey;
  /** The credential public key as a COSE_Key. */
  cosePublicKey: Uint8Array;
  /** SubjectPublicKeyInfo, for getPublicKey(). */
  spki: Uint8Array;
}

/**
 * One key per algorithm made ahead of need, each handed out once: making a key (generate, export, re-import)
 * is a third of a create(), and RSA's takes tens of milliseconds. The first create() of an algorithm pays.
 */
const spares = new Map<number, Promise<GeneratedCredentialKey>>();

export function generateCredentialKey(alg: number): Promise<GeneratedCredentialKey> {
  const spare = spares.get(alg);
  const next = makeCredentialKey(alg);
  next.catch(() => {
    if (spares.get(alg) === next) spares.delete(alg);
  });
  spares.set(alg, next);
  return spare ?? makeCredentialKey(alg);
}

async function makeCredentialKey(alg: number): Promise<GeneratedCredentialKey> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) throw new Error(`no key algorithm ${alg}`);
  const pair = (await crypto.subtle.generateKey(a.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, jwk, spki] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
    crypto.subtle.exportKey('jwk', pair.publicKey),
    crypto.subtle.exportKey('spki', pair.publicKey),
  ]);
  const pk = new Uint8Array(pkcs8);
  return {
    pkcs8: pk,
    privateKey: await importSigningKey(alg, pk),
    cosePublicKey: encodeCoseKey(jwk, alg),
    spki: new Uint8Array(spki),
  };
}

function keyImportParams(a: CredentialKeyAlgorithm): EcKeyImportParams | RsaHashedImportParams | Algorithm {
  const g = a.generate;
  if (g.name === 'ECDSA') return { name: 'ECDSA', namedCurve: (g as EcKeyGenParams).namedCurve };
  if (g.name === 'Ed25519') return { name: 'Ed25519' };
  return { name: g.name, hash: 'SHA-256' };
}

/** Imports a stored private key for signing only; the imported key cannot be exported again. */
export async function importSigningKey(alg: number, pkcs8: Uint8Array): Promise<CryptoKey> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) throw new Error(`no key algorithm ${alg}`);
  const params = keyImportParams(a);
  return crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), params, false, ['sign']);
}

/** A signature in the form WebAuthn carries for `alg`. */
export async function signWithCredentialKey(alg: number, key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) throw new Error(`no key algorithm ${alg}`);
  const sig = new Uint8Array(await crypto.subtle.sign(a.sign, key, cryptoView(data)));
  return a.derSignature ? rawToDerSignature(sig) : sig;
}

/** The private key as a JWK, for the user's explicit export. */
export async function pkcs8ToJwk(alg: number, pkcs8: Uint8Array): Promise<JsonWebKey> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) throw new Error(`no key algorithm ${alg}`);
  const params = keyImportParams(a);
  const k = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), params, true, ['sign']);
  return crypto.subtle.exportKey('jwk', k);
}

/** PKCS#8 from a private JWK (import of a previously exported credential); throws when WebCrypto rejects it. */
export async function jwkToPkcs8(alg: number, jwk: JsonWebKey): Promise<Uint8Array> {
  const a = credentialKeyAlgorithm(alg);
  if (!a) throw new Error(`no key algorithm ${alg}`);
  const k = await crypto.subtle.importKey('jwk', jwk, keyImportParams(a), true, ['sign']);
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', k));
}

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

/**
 * The algorithm and public key of a PKCS#8 private key (a test's own key, added to a virtual authenticator):
 * the first algorithm, in the mock's order, that WebCrypto imports it as. RSA keys are RS256 unless `alg`
 * says PS256. Throws when no algorithm takes it.
 */
export async function publicKeyOfPkcs8(
  pkcs8: Uint8Array,
  alg?: number,
): Promise<{ alg: number; cosePublicKey: Uint8Array; spki: Uint8Array }> {
  const candidates = alg !== undefined ? [credentialKeyAlgorithm(alg)] : CREDENTIAL_KEY_ALGORITHMS;
  for (const a of candidates) {
    if (!a || a.alg === -19 || (alg === undefined && a.alg === -37)) continue;
    let jwk: JsonWebKey;
    try {
      const k = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), keyImportParams(a), true, ['sign']);
      jwk = await crypto.subtle.exportKey('jwk', k);
    } catch {
      continue;
    }
    const pub: JsonWebKey = { ...jwk, key_ops: ['verify'] };
    for (const m of PRIVATE_JWK_MEMBERS) delete (pub as Record<string, unknown>)[m];
    const publicKey = await crypto.subtle.importKey('jwk', pub, keyImportParams(a), true, ['verify']);
    return {
      alg: a.alg,
      cosePublicKey: encodeCoseKey(pub, a.alg),
      spki: new Uint8Array(await crypto.subtle.exportKey('spki', publicKey)),
    };
  }
  throw new Error(
    'the private key is not PKCS#8 of an algorithm the mock supports (P-256, P-384, P-521, Ed25519, RSA)',
  );
}
