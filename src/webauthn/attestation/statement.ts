// What every attestation statement format shares: the view the panel shows (fields, algorithm,
// certificate chain, signature verdict, checks) and the verification inputs (§6.5.2, §8).
import { algorithmName, COSE_CURVES, curveByName, webCryptoParams } from '../algorithms.js';
import type { AuthenticatorData } from '../authenticatorData.js';
import { toArrayBuffer, concatBytes } from '../bytes.js';
import { cborToJson, type JsonValue } from '../cborItem.js';
import {
  checkChain,
  decodeCertificate,
  certificateKey,
  certificateKeyInfo,
  type CertificateView,
  type ChainLinkCheck,
} from '../certificates.js';
import type { Check } from '../check.js';
import { derToRawSignature } from '../signatures.js';
import { fail, ok, type Decoded } from '../result.js';

/** §6.5.3 attestation types, as the verification procedures conclude them. */
export type AttestationType = 'None' | 'Self' | 'Basic' | 'AttCA' | 'AnonCA' | 'Uncertain';

export interface StatementField {
  name: string;
  value: JsonValue;
  note?: string;
}

export interface SignatureVerdict {
  /** true: verifies; false: does not; undefined: could not be checked (detail says why). */
  verified: boolean | undefined;
  detail: string;
}

export interface AttestationStatementView {
  fmt: string;
  /** A format this tool knows how to read. */
  known: boolean;
  attestationType: AttestationType;
  alg?: number;
  algName?: string;
  fields: StatementField[];
  certificates: Array<Decoded<CertificateView>>;
  chain: ChainLinkCheck[];
  signature?: SignatureVerdict;
  /** Format-specific structures decoded (TPM certInfo/pubArea, Android KeyDescription, SafetyNet JWS). */
  details?: { [k: string]: JsonValue };
  checks: Check[];
}

/** What verification needs besides the statement: §8 "attToBeSigned" = authenticatorData ‖ clientDataHash. */
export interface StatementInput {
  attStmt: Map<unknown, unknown>;
  authData: AuthenticatorData;
  /** SHA-256(clientDataJSON); undefined when the ceremony's client data is not available. */
  clientDataHash?: Uint8Array;
}

export interface AttestationFormat {
  fmt: string;
  title: string;
  spec: string;
  decode(input: StatementInput): Promise<AttestationStatementView>;
}

export const get = (m: Map<unknown, unknown>, k: string): unknown => m.get(k);
export const bytesField = (m: Map<unknown, unknown>, k: string): Uint8Array | undefined => {
  const v = m.get(k);
  return v instanceof Uint8Array ? v : undefined;
};
export const numberField = (m: Map<unknown, unknown>, k: string): number | undefined => {
  const v = m.get(k);
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
};
export function x5cField(m: Map<unknown, unknown>): Uint8Array[] | undefined {
  const v = m.get('x5c');
  return Array.isArray(v) && v.every((c) => c instanceof Uint8Array) ? (v as Uint8Array[]) : undefined;
}

/** Every member of attStmt, JSON-able, with byte strings as hex, in the order the authenticator wrote them. */
export function statementFields(
  m: Map<unknown, unknown>,
  notes: Readonly<Record<string, string>> = {},
): StatementField[] {
  return [...m].map(([k, v]) => {
    const name = String(k);
    const value = name === 'alg' && typeof v === 'number' ? `${v} (${algorithmName(v)})` : cborToJson(v);
    return { name, value, ...(notes[name] ? { note: notes[name] } : {}) };
  });
}

export async function decodeChain(
  x5c: Uint8Array[] | undefined,
): Promise<Pick<AttestationStatementView, 'certificates' | 'chain'>> {
  if (!x5c) return { certificates: [], chain: [] };
  const [certificates, chain] = await Promise.all([
    Promise.all(x5c.map((der) => decodeCertificate(der))),
    checkChain(x5c),
  ]);
  return { certificates, chain };
}

export function attToBeSigned(input: StatementInput): Uint8Array | undefined {
  return input.clientDataHash ? concatBytes(input.authData.bytes, input.clientDataHash) : undefined;
}

export const notChecked = (detail: string): SignatureVerdict => ({ verified: undefined, detail });
export const verdict = (r: Decoded<boolean>, what: string): SignatureVerdict =>
  r.ok
    ? { verified: r.value, detail: r.value ? `${what} verifies` : `${what} does NOT verify` }
    : notChecked(r.error.what);

/** Verifies `sig` (COSE algorithm `alg`) over `data` with the public key of certificate `der`. */
export async function verifyWithCertificate(
  der: Uint8Array,
  alg: number,
  data: Uint8Array,
  sig: Uint8Array,
): Promise<Decoded<boolean>> {
  const keyAlg = certificateKeyInfo(der);
  if (!keyAlg) return fail('the attestation certificate is not DER X.509');
  const curve = keyAlg.namedCurve
    ? curveByName(keyAlg.namedCurve)
    : keyAlg.algorithm === 'Ed25519'
      ? COSE_CURVES[6]
      : undefined;
  const params = webCryptoParams(alg, curve?.id);
  if (!params)
    return fail(`${algorithmName(alg)} with a ${keyAlg.algorithm} certificate key cannot be verified with WebCrypto`);
  let signature = sig;
  if ((params.verifyParams as Algorithm).name === 'ECDSA') {
    if (!curve) return fail(`${algorithmName(alg)} needs an EC certificate key; it holds ${keyAlg.algorithm}`);
    const raw = derToRawSignature(sig, curve.size);
    if (!raw.ok) return fail(`sig: ${raw.error.what}`, raw.error.offset);
    signature = raw.value;
  }
  try {
    const key = await certificateKey(der, params.importParams as Algorithm);
    return ok(await crypto.subtle.verify(params.verifyParams, key, toArrayBuffer(signature), toArrayBuffer(data)));
  } catch (e) {
    return fail(`WebCrypto could not verify with the certificate key: ${e instanceof Error ? e.message : String(e)}`);
  }
}
