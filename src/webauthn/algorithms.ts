// COSE algorithm identifiers (IANA "COSE Algorithms" registry), key types and curves: the one table the
// decoders, the signature verifier, the lint rules and the mock authenticator all read.

export type CoseKeyTypeName = 'OKP' | 'EC2' | 'RSA';
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** COSE key types (RFC 9053 §7): label 1 of a COSE_Key. */
export const COSE_KEY_TYPES: Readonly<Record<number, CoseKeyTypeName>> = { 1: 'OKP', 2: 'EC2', 3: 'RSA' };
export const COSE_KTY: Readonly<Record<CoseKeyTypeName, number>> = { OKP: 1, EC2: 2, RSA: 3 };

export interface CoseCurve {
  id: number;
  /** IANA name, which is also the JWK `crv`. */
  name: string;
  kty: 'EC2' | 'OKP';
  /** Bytes per coordinate (EC2 x and y; OKP x). */
  size: number;
  /** WebCrypto import parameters for a public key on this curve; undefined where browsers lack it. */
  importParams?: EcKeyImportParams | Algorithm;
  /** DER prefix of a SubjectPublicKeyInfo for curves WebCrypto cannot export: prefix ‖ point. */
  spkiPrefix?: string;
}

export const COSE_CURVES: Readonly<Record<number, CoseCurve>> = {
  1: {
    id: 1,
    name: 'P-256',
    kty: 'EC2',
    size: 32,
    importParams: { name: 'ECDSA', namedCurve: 'P-256' },
    spkiPrefix: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  },
  2: {
    id: 2,
    name: 'P-384',
    kty: 'EC2',
    size: 48,
    importParams: { name: 'ECDSA', namedCurve: 'P-384' },
    spkiPrefix: '3076301006072a8648ce3d020106052b81040022036200',
  },
  3: {
    id: 3,
    name: 'P-521',
    kty: 'EC2',
    size: 66,
    importParams: { name: 'ECDSA', namedCurve: 'P-521' },
    spkiPrefix: '30819b301006072a8648ce3d020106052b8104002303818600',
  },
  4: { id: 4, name: 'X25519', kty: 'OKP', size: 32, spkiPrefix: '302a300506032b656e032100' },
  5: { id: 5, name: 'X448', kty: 'OKP', size: 56, spkiPrefix: '3042300506032b656f033900' },
  6: {
    id: 6,
    name: 'Ed25519',
    kty: 'OKP',
    size: 32,
    importParams: { name: 'Ed25519' },
    spkiPrefix: '302a300506032b6570032100',
  },
  7: { id: 7, name: 'Ed448', kty: 'OKP', size: 57, spkiPrefix: '3043300506032b6571033a00' },
  8: { id: 8, name: 'secp256k1', kty: 'EC2', size: 32, spkiPrefix: '3056301006072a8648ce3d020106052b8104000a034200' },
};

export const curveByName = (name: string): CoseCurve | undefined =>
  Object.values(COSE_CURVES).find((c) => c.name === name);

export interface CoseAlgorithm {
  id: number;
  /** Registry name ('ES256'). */
  name: string;
  /** One line for people ("ECDSA w/ SHA-256 on P-256"). */
  description: string;
  kty: CoseKeyTypeName;
  /** COSE curve id when the algorithm fixes the curve (ES256 → P-256; EdDSA leaves it to the key). */
  crv?: number;
  hash?: HashName;
  /** WebCrypto importKey parameters; undefined when WebCrypto cannot verify this algorithm. */
  importParams?: EcKeyImportParams | RsaHashedImportParams | Algorithm;
  /** WebCrypto verify parameters; undefined when WebCrypto cannot verify this algorithm. */
  verifyParams?: EcdsaParams | RsaPssParams | Algorithm;
  /** Deprecated or discouraged for new credentials. */
  deprecated?: boolean;
}

const ecdsa = (id: number, name: string, crv: number, hash: HashName, description: string): CoseAlgorithm => ({
  id,
  name,
  description,
  kty: 'EC2',
  crv,
  hash,
  importParams: COSE_CURVES[crv]!.importParams as EcKeyImportParams,
  verifyParams: { name: 'ECDSA', hash },
});
const pkcs1 = (id: number, name: string, hash: HashName, deprecated = false): CoseAlgorithm => ({
  id,
  name,
  description: `RSASSA-PKCS1-v1_5 using ${hash}`,
  kty: 'RSA',
  hash,
  importParams: { name: 'RSASSA-PKCS1-v1_5', hash },
  verifyParams: { name: 'RSASSA-PKCS1-v1_5' },
  ...(deprecated ? { deprecated } : {}),
});
// RFC 8230 §2: the PSS salt is as long as the hash output.
const pss = (id: number, name: string, hash: HashName, saltLength: number): CoseAlgorithm => ({
  id,
  name,
  description: `RSASSA-PSS w/ ${hash}`,
  kty: 'RSA',
  hash,
  importParams: { name: 'RSA-PSS', hash },
  verifyParams: { name: 'RSA-PSS', saltLength } as RsaPssParams,
});

export const COSE_ALGORITHMS: Readonly<Record<number, CoseAlgorithm>> = Object.fromEntries(
  (
    [
      ecdsa(-7, 'ES256', 1, 'SHA-256', 'ECDSA w/ SHA-256'),
      ecdsa(-35, 'ES384', 2, 'SHA-384', 'ECDSA w/ SHA-384'),
      ecdsa(-36, 'ES512', 3, 'SHA-512', 'ECDSA w/ SHA-512'),
      ecdsa(-9, 'ESP256', 1, 'SHA-256', 'ECDSA using P-256 curve and SHA-256'),
      ecdsa(-51, 'ESP384', 2, 'SHA-384', 'ECDSA using P-384 curve and SHA-384'),
      ecdsa(-52, 'ESP512', 3, 'SHA-512', 'ECDSA using P-521 curve and SHA-512'),
      {
        id: -47,
        name: 'ES256K',
        description: 'ECDSA using secp256k1 curve and SHA-256',
        kty: 'EC2',
        crv: 8,
        hash: 'SHA-256',
      },
      { id: -8, name: 'EdDSA', description: 'EdDSA (curve named by the key)', kty: 'OKP' },
      {
        id: -19,
        name: 'Ed25519',
        description: 'EdDSA using the Ed25519 parameter set',
        kty: 'OKP',
        crv: 6,
        importParams: { name: 'Ed25519' },
        verifyParams: { name: 'Ed25519' },
      },
      { id: -53, name: 'Ed448', description: 'EdDSA using the Ed448 parameter set', kty: 'OKP', crv: 7 },
      pkcs1(-257, 'RS256', 'SHA-256'),
      pkcs1(-258, 'RS384', 'SHA-384'),
      pkcs1(-259, 'RS512', 'SHA-512'),
      pkcs1(-65535, 'RS1', 'SHA-1', true),
      pss(-37, 'PS256', 'SHA-256', 32),
      pss(-38, 'PS384', 'SHA-384', 48),
      pss(-39, 'PS512', 'SHA-512', 64),
    ] satisfies CoseAlgorithm[]
  ).map((a) => [a.id, a] as const),
);

export function coseAlgorithm(id: number): CoseAlgorithm | undefined {
  return Number.isInteger(id) ? COSE_ALGORITHMS[id] : undefined;
}

/** 'ES256' for -7; 'COSE -1234' for ids the table does not know. */
export function algorithmName(id: number): string {
  return coseAlgorithm(id)?.name ?? `COSE ${id}`;
}

/**
 * WebCrypto parameters to verify `alg` with a key on curve `crv` (needed for EdDSA, whose curve the key
 * names), or undefined when WebCrypto cannot.
 */
export function webCryptoParams(
  alg: number,
  crv?: number,
):
  | {
      importParams: EcKeyImportParams | RsaHashedImportParams | Algorithm;
      verifyParams: EcdsaParams | RsaPssParams | Algorithm;
    }
  | undefined {
  const a = coseAlgorithm(alg);
  if (!a) return undefined;
  if (a.id === -8) {
    return crv === 6 ? { importParams: { name: 'Ed25519' }, verifyParams: { name: 'Ed25519' } } : undefined;
  }
  return a.importParams && a.verifyParams ? { importParams: a.importParams, verifyParams: a.verifyParams } : undefined;
}
