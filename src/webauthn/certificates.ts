// X.509 certificates of attestation statements, decoded with @peculiar/x509 into what a developer reads:
// who issued what to whom, when it is valid, which key it holds, and the FIDO AAGUID extension that
// packed attestation ties to the authenticator data (§8.2.1).
// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { BasicConstraints, Certificate, KeyUsage } from '@peculiar/asn1-x509';
import { toBase64url } from './base64url.js';
import { sha256, toArrayBuffer, toHex, uuidFromBytes } from './bytes.js';
import { fail, ok, type Decoded } from './result.js';

export const FIDO_AAGUID_OID = '1.3.6.1.4.1.45724.1.1.4';
const BASIC_CONSTRAINTS_OID = '2.5.29.19';
const KEY_USAGE_OID = '2.5.29.15';

/** PEM text of DER bytes, 64 characters a line. */
export function certificatePem(der: Uint8Array): string {
  const b64url = toBase64url(der).replace(/-/g, '+').replace(/_/g, '/');
  const b64 = b64url + '='.repeat((4 - (b64url.length % 4)) % 4);
  return `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----`;
}

/** Names of the extensions attestation certificates carry; anything else shows its OID. */
export const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.14': 'Subject Key Identifier',
  '2.5.29.15': 'Key Usage',
  '2.5.29.17': 'Subject Alternative Name',
  '2.5.29.19': 'Basic Constraints',
  '2.5.29.31': 'CRL Distribution Points',
  '2.5.29.32': 'Certificate Policies',
  '2.5.29.35': 'Authority Key Identifier',
  '2.5.29.37': 'Extended Key Usage',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
  [FIDO_AAGUID_OID]: 'FIDO AAGUID (id-fido-gen-ce-aaguid)',
  '1.3.6.1.4.1.45724.2.1.1': 'FIDO U2F transports',
  '1.3.6.1.4.1.11129.2.1.17': 'Android key attestation (KeyDescription)',
  '1.2.840.113635.100.8.2': 'Apple anonymous attestation nonce',
  '2.23.133.8.3': 'TCG key purpose: AIK certificate',
};

export interface CertificateExtensionView {
  oid: string;
  name: string;
  critical: boolean;
  valueHex: string;
}

export interface CertificateView {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Whether `at` (now, by default) lies within the validity period. */
  validAt: boolean;
  signatureAlgorithm: string;
  publicKey: { algorithm: string; detail?: string };
  isCA?: boolean;
  pathLength?: number;
  keyUsage?: string[];
  /** The FIDO AAGUID extension, as a UUID. */
  aaguid?: string;
  extensions: CertificateExtensionView[];
  selfSigned: boolean;
  sha256Fingerprint: string;
  pem: string;
  der: Uint8Array;
}

const KEY_USAGES: ReadonlyArray<[number, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

/**
 * Certificates parsed, by the DER bytes object they came from: a ceremony's decoders (fields, chain, signature)
 * share one parse of each certificate of its statement. Parsing is most of the cost of decoding a registration.
 */
const parsed = new WeakMap<Uint8Array, ParsedCertificate | undefined>();

/** The library's view of a certificate, and the ASN.1 it was built from (its extensions, read without a copy). */
interface ParsedCertificate {
  cert: x509.X509Certificate;
  asn: Certificate;
  key?: CertificateKeyInfo;
  /** The subject public key imported for verifying, by import algorithm. */
  keys: Map<string, Promise<CryptoKey>>;
}

/** The certificate's extensions as they are encoded: OID, criticality and the value's DER. */
const rawExtensions = (asn: Certificate) =>
  (asn.tbsCertificate.extensions ?? []).map((e) => ({
    oid: e.extnID,
    critical: e.critical,
    value: new Uint8Array(e.extnValue.buffer),
  }));

function parseOnce(der: Uint8Array): ParsedCertificate | undefined {
  if (parsed.has(der)) return parsed.get(der);
  let p: ParsedCertificate | undefined;
  try {
    const asn = AsnParser.parse(toArrayBuffer(der), Certificate);
    // Built from the parsed ASN.1: the library's own constructor would parse the DER a second time.
    p = { asn, cert: new x509.X509Certificate(asn as never), keys: new Map() };
  } catch {
    p = undefined;
  }
  parsed.set(der, p);
  return p;
}

/** Parses a DER certificate; undefined when it is not one. */
export function parseCertificate(der: Uint8Array): x509.X509Certificate | undefined {
  return parseOnce(der)?.cert;
}

/** Subject public key algorithms by OID, as WebCrypto names them. */
const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.10045.2.1': 'ECDSA',
  '1.2.840.113549.1.1.1': 'RSASSA-PKCS1-v1_5',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};
/** EC key parameters (a DER OID) by their hex, as WebCrypto names the curve. */
const NAMED_CURVES: Readonly<Record<string, string>> = {
  '06082a8648ce3d030107': 'P-256',
  '06052b81040022': 'P-384',
  '06052b81040023': 'P-521',
};

/** The subject public key: its SPKI DER, and what it is, read from the certificate's ASN.1. */
export interface CertificateKeyInfo {
  spki: Uint8Array;
  /** The WebCrypto name of its algorithm, or the OID of one WebCrypto does not know. */
  algorithm: string;
  namedCurve?: string;
  modulusBits?: number;
}

function keyInfo(asn: Certificate): CertificateKeyInfo {
  const info = asn.tbsCertificate.subjectPublicKeyInfo;
  const oid = info.algorithm.algorithm;
  const out: CertificateKeyInfo = {
    spki: new Uint8Array(AsnConvert.serialize(info)),
    algorithm: KEY_ALGORITHMS[oid] ?? oid,
  };
  const params = info.algorithm.parameters;
  const curve = params ? NAMED_CURVES[toHex(new Uint8Array(params))] : undefined;
  if (curve) out.namedCurve = curve;
  if (out.algorithm === 'RSASSA-PKCS1-v1_5') {
    const n = new Uint8Array(AsnParser.parse(info.subjectPublicKey, RSAPublicKey).modulus);
    out.modulusBits = (n.length - (n[0] === 0 ? 1 : 0)) * 8;
  }
  return out;
}

/** The subject public key of a DER certificate; undefined when it is not one. */
export function certificateKeyInfo(der: Uint8Array): CertificateKeyInfo | undefined {
  const p = parseOnce(der);
  if (!p) return undefined;
  p.key ??= keyInfo(p.asn);
  return p.key;
}

/** The certificate's public key as a WebCrypto key for `verify`, imported once per algorithm. */
export function certificateKey(der: Uint8Array, alg: Algorithm): Promise<CryptoKey> {
  const info = certificateKeyInfo(der);
  if (!info) return Promise.reject(new Error('not a DER X.509 certificate'));
  const p = parsed.get(der)!;
  const id = JSON.stringify(alg);
  let key = p.keys.get(id);
  if (!key) {
    const point = info.namedCurve
      ? new Uint8Array(p.asn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)
      : undefined;
    const size = point && (point.length - 1) / 2;
    // An uncompressed EC point imports faster as a JWK than the same key as SPKI DER.
    key =
      point && size && point[0] === 4 && Number.isInteger(size)
        ? crypto.subtle.importKey(
            'jwk',
            {
              kty: 'EC',
              crv: info.namedCurve,
              x: toBase64url(point.subarray(1, 1 + size)),
              y: toBase64url(point.subarray(1 + size)),
            },
            alg,
            false,
            ['verify'],
          )
        : crypto.subtle.importKey('spki', toArrayBuffer(info.spki), alg, false, ['verify']);
    p.keys.set(id, key);
    key.catch(() => p.keys.delete(id));
  }
  return key;
}

/** The FIDO AAGUID extension value: an OCTET STRING holding the 16-byte AAGUID. */
export function aaguidExtension(value: Uint8Array | undefined): Decoded<string> | undefined {
  if (!value) return undefined;
  try {
    const inner = new Uint8Array(AsnParser.parse(toArrayBuffer(value), OctetString).buffer);
    if (inner.length !== 16) return fail(`AAGUID extension holds ${inner.length} bytes, not 16`);
    return ok(uuidFromBytes(inner));
  } catch (e) {
    return fail(`AAGUID extension is not an OCTET STRING: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function decodeCertificate(der: Uint8Array, at: Date = new Date()): Promise<Decoded<CertificateView>> {
  // Hashed on the crypto threads while the fields are read here.
  const fingerprint = sha256(der);
  const p = parseOnce(der);
  if (!p) return fail(`not a DER X.509 certificate (${der.length} bytes)`);
  const { cert } = p;
  try {
    const extensions = rawExtensions(p.asn);
    const value = (oid: string) => extensions.find((e) => e.oid === oid)?.value;
    const basicDer = value(BASIC_CONSTRAINTS_OID);
    const usageDer = value(KEY_USAGE_OID);
    const basic = basicDer ? AsnParser.parse(toArrayBuffer(basicDer), BasicConstraints) : undefined;
    const usage = usageDer ? AsnParser.parse(toArrayBuffer(usageDer), KeyUsage).toNumber() : undefined;
    const aaguid = aaguidExtension(value(FIDO_AAGUID_OID));
    const key = certificateKeyInfo(der)!;
    let selfSigned = false;
    try {
      selfSigned = cert.subject === cert.issuer && (await cert.verify({ signatureOnly: true }));
    } catch {
      selfSigned = false;
    }
    const sig = cert.signatureAlgorithm as Algorithm & { hash?: Algorithm };
    return ok({
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      validAt: cert.notBefore <= at && at <= cert.notAfter,
      signatureAlgorithm: sig.hash ? `${sig.name} with ${sig.hash.name}` : sig.name,
      publicKey: {
        algorithm: key.algorithm,
        ...optional('detail', key.namedCurve ?? (key.modulusBits ? `${key.modulusBits} bits` : undefined)),
      },
      ...(basic ? { isCA: basic.cA, ...optional('pathLength', basic.pathLenConstraint) } : {}),
      ...(usage !== undefined ? { keyUsage: KEY_USAGES.filter(([bit]) => (usage & bit) !== 0).map(([, n]) => n) } : {}),
      ...(aaguid?.ok ? { aaguid: aaguid.value } : {}),
      extensions: extensions.map((e) => ({
        oid: e.oid,
        name: EXTENSION_NAMES[e.oid] ?? e.oid,
        critical: e.critical,
        valueHex: toHex(e.value),
      })),
      selfSigned,
      sha256Fingerprint: toHex(await fingerprint),
      pem: certificatePem(der),
      der,
    });
  } catch (e) {
    return fail(`certificate fields could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function optional<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

export interface ChainLinkCheck {
  index: number;
  signedByNext: boolean | undefined;
  detail?: string;
}

/**
 * Checks that each certificate of an x5c chain (leaf first) is signed by the next one. The root is not
 * in x5c (the RP holds it), so the last certificate's issuer is only reported.
 */
export async function checkChain(ders: Uint8Array[], root?: Uint8Array): Promise<ChainLinkCheck[]> {
  const certs = ders.map(parseCertificate);
  const all = root ? [...certs, parseCertificate(root)] : certs;
  const out: ChainLinkCheck[] = [];
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i],
      issuer = all[i + 1];
    if (!cert) {
      out.push({ index: i, signedByNext: undefined, detail: 'not a certificate' });
      continue;
    }
    if (!issuer) {
      out.push({ index: i, signedByNext: undefined, detail: `issuer "${cert.issuer}" not in the chain` });
      continue;
    }
    try {
      const good = await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
      out.push({
        index: i,
        signedByNext: good,
        ...(good ? {} : { detail: `signature does not verify with "${issuer.subject}"` }),
      });
    } catch (e) {
      out.push({ index: i, signedByNext: false, detail: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
