// TPM 2.0 structures that "tpm" attestation carries (§8.3, TPM 2.0 Library Part 2): TPMS_ATTEST (certInfo)
// and TPMT_PUBLIC (pubArea). Read with exact offsets; errors say which field ran short.
import { toHex } from '../bytes.js';
import { fail, ok, type Decoded } from '../result.js';

export const TPM_GENERATED_VALUE = 0xff544347;
export const TPM_ST_ATTEST_CERTIFY = 0x8017;
export const TPM_ALG: Readonly<Record<number, string>> = {
  0x0001: 'TPM_ALG_RSA',
  0x0004: 'TPM_ALG_SHA1',
  0x000b: 'TPM_ALG_SHA256',
  0x000c: 'TPM_ALG_SHA384',
  0x000d: 'TPM_ALG_SHA512',
  0x0010: 'TPM_ALG_NULL',
  0x0014: 'TPM_ALG_RSASSA',
  0x0016: 'TPM_ALG_RSAPSS',
  0x0018: 'TPM_ALG_ECDSA',
  0x0023: 'TPM_ALG_ECC',
};
/** nameAlg → WebCrypto digest. */
export const TPM_HASHES: Readonly<Record<number, string>> = {
  0x0004: 'SHA-1',
  0x000b: 'SHA-256',
  0x000c: 'SHA-384',
  0x000d: 'SHA-512',
};
export const TPM_ECC_CURVES: Readonly<Record<number, { name: string; cose: number }>> = {
  0x0003: { name: 'TPM_ECC_NIST_P256', cose: 1 },
  0x0004: { name: 'TPM_ECC_NIST_P384', cose: 2 },
  0x0005: { name: 'TPM_ECC_NIST_P521', cose: 3 },
};

class Reader {
  at = 0;
  constructor(readonly b: Uint8Array) {}
  u(n: 1 | 2 | 4 | 8, what: string): number | bigint {
    if (this.at + n > this.b.length)
      throw new RangeError(`${what}: needs ${n} bytes at offset ${this.at}, ${this.b.length - this.at} left`);
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(this.b[this.at + i]!);
    this.at += n;
    return n === 8 ? v : Number(v);
  }
  u16 = (what: string): number => this.u(2, what) as number;
  u32 = (what: string): number => this.u(4, what) as number;
  /** TPM2B_*: a 2-byte size then that many bytes. */
  sized(what: string): Uint8Array {
    const n = this.u16(`${what} size`);
    if (this.at + n > this.b.length)
      throw new RangeError(`${what}: ${n} bytes declared at offset ${this.at}, ${this.b.length - this.at} left`);
    const v = this.b.slice(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

export interface TpmsAttest {
  magic: number;
  type: number;
  qualifiedSigner: Uint8Array;
  extraData: Uint8Array;
  clock: bigint;
  resetCount: number;
  restartCount: number;
  safe: boolean;
  firmwareVersion: bigint;
  attestedName: Uint8Array;
  attestedQualifiedName: Uint8Array;
}

export interface TpmtPublic {
  type: number;
  nameAlg: number;
  objectAttributes: number;
  authPolicy: Uint8Array;
  rsa?: { symmetric: number; scheme: number; keyBits: number; exponent: number; modulus: Uint8Array };
  ecc?: { symmetric: number; scheme: number; curveId: number; kdf: number; x: Uint8Array; y: Uint8Array };
}

function read<T>(b: Uint8Array, f: (r: Reader) => T): Decoded<T> {
  const r = new Reader(b);
  try {
    const v = f(r);
    return r.at === b.length ? ok(v) : fail(`${b.length - r.at} trailing bytes`, r.at);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e), r.at);
  }
}

export function decodeCertInfo(b: Uint8Array): Decoded<TpmsAttest> {
  return read(b, (r) => ({
    magic: r.u32('magic'),
    type: r.u16('type'),
    qualifiedSigner: r.sized('qualifiedSigner'),
    extraData: r.sized('extraData'),
    clock: r.u(8, 'clock') as bigint,
    resetCount: r.u32('resetCount'),
    restartCount: r.u32('restartCount'),
    safe: r.u(1, 'safe') !== 0,
    firmwareVersion: r.u(8, 'firmwareVersion') as bigint,
    attestedName: r.sized('attested.name'),
    attestedQualifiedName: r.sized('attested.qualifiedName'),
  }));
}

export function decodePubArea(b: Uint8Array): Decoded<TpmtPublic> {
  return read(b, (r) => {
    const type = r.u16('type'),
      nameAlg = r.u16('nameAlg'),
      objectAttributes = r.u32('objectAttributes'),
      authPolicy = r.sized('authPolicy');
    if (type === 0x0001) {
      const symmetric = r.u16('symmetric'),
        scheme = r.u16('scheme'),
        keyBits = r.u16('keyBits'),
        exponent = r.u32('exponent');
      return {
        type,
        nameAlg,
        objectAttributes,
        authPolicy,
        rsa: { symmetric, scheme, keyBits, exponent, modulus: r.sized('unique') },
      };
    }
    if (type === 0x0023) {
      const symmetric = r.u16('symmetric'),
        scheme = r.u16('scheme'),
        curveId = r.u16('curveID'),
        kdf = r.u16('kdf');
      return {
        type,
        nameAlg,
        objectAttributes,
        authPolicy,
        ecc: { symmetric, scheme, curveId, kdf, x: r.sized('unique.x'), y: r.sized('unique.y') },
      };
    }
    throw new RangeError(`type 0x${type.toString(16)} is neither TPM_ALG_RSA nor TPM_ALG_ECC`);
  });
}

const algName = (v: number): string => TPM_ALG[v] ?? `0x${v.toString(16).padStart(4, '0')}`;

export function certInfoJson(c: TpmsAttest): { [k: string]: string | number | boolean } {
  return {
    magic: `0x${c.magic.toString(16)}`,
    type: `0x${c.type.toString(16)}`,
    qualifiedSigner: toHex(c.qualifiedSigner),
    extraData: toHex(c.extraData),
    clock: c.clock.toString(),
    resetCount: c.resetCount,
    restartCount: c.restartCount,
    safe: c.safe,
    firmwareVersion: c.firmwareVersion.toString(),
    'attested.name': toHex(c.attestedName),
    'attested.qualifiedName': toHex(c.attestedQualifiedName),
  };
}

export function pubAreaJson(p: TpmtPublic): { [k: string]: string | number } {
  return {
    type: algName(p.type),
    nameAlg: algName(p.nameAlg),
    objectAttributes: `0x${p.objectAttributes.toString(16).padStart(8, '0')}`,
    authPolicy: toHex(p.authPolicy),
    ...(p.rsa
      ? {
          symmetric: algName(p.rsa.symmetric),
          scheme: algName(p.rsa.scheme),
          keyBits: p.rsa.keyBits,
          exponent: p.rsa.exponent,
          'unique (modulus)': toHex(p.rsa.modulus),
        }
      : {}),
    ...(p.ecc
      ? {
          symmetric: algName(p.ecc.symmetric),
          scheme: algName(p.ecc.scheme),
          curveID: TPM_ECC_CURVES[p.ecc.curveId]?.name ?? p.ecc.curveId,
          kdf: algName(p.ecc.kdf),
          'unique.x': toHex(p.ecc.x),
          'unique.y': toHex(p.ecc.y),
        }
      : {}),
  };
}
