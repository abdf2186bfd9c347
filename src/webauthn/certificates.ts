// X.509 certificates of attestation statements, decoded with @peculiar/x509 into what a developer reads:
// who issued what to whom, when it is valid, which key it holds, and the FIDO AAGUID extension that
// packed attestation ties to the authenticator data (§8.2.1).
// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AsnParser, OctetString } from '@peculiar/asn1-schema';
import { sha256, toArrayBuffer, toHex, uuidFromBytes } from './bytes.js';
import { fail, ok, type Decoded } from './result.js';

export const FIDO_AAGUID_OID = '1.3.6.1.4.1.45724.1.1.4';

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

/** Parses a DER certificate; undefined when it is not one. */
export function parseCertificate(der: Uint8Array): x509.X509Certificate | undefined {
  try {
    return new x509.X509Certificate(toArrayBuffer(der));
  } catch {
    return undefined;
  }
}

function keyDetail(alg: Algorithm): string | undefined {
  const a = alg as Partial<EcKeyAlgorithm & RsaHashedKeyAlgorithm>;
  if (a.namedCurve) return a.namedCurve;
  if (a.modulusLength) return `${a.modulusLength} bits`;
  return undefined;
}

/** The FIDO AAGUID extension value: an OCTET STRING holding the 16-byte AAGUID. */
export function aaguidExtension(cert: x509.X509Certificate): Decoded<string> | undefined {
  const ext = cert.getExtension(FIDO_AAGUID_OID);
  if (!ext) return undefined;
  try {
    const inner = new Uint8Array(AsnParser.parse(ext.value, OctetString).buffer);
    if (inner.length !== 16) return fail(`AAGUID extension holds ${inner.length} bytes, not 16`);
    return ok(uuidFromBytes(inner));
  } catch (e) {
    return fail(`AAGUID extension is not an OCTET STRING: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function decodeCertificate(der: Uint8Array, at: Date = new Date()): Promise<Decoded<CertificateView>> {
  const cert = parseCertificate(der);
  if (!cert) return fail(`not a DER X.509 certificate (${der.length} bytes)`);
  try {
    const basic = cert.getExtension(x509.BasicConstraintsExtension);
    const usage = cert.getExtension(x509.KeyUsagesExtension);
    const aaguid = aaguidExtension(cert);
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
        algorithm: cert.publicKey.algorithm.name,
        ...optional('detail', keyDetail(cert.publicKey.algorithm)),
      },
      ...(basic ? { isCA: basic.ca, ...optional('pathLength', basic.pathLength) } : {}),
      ...(usage ? { keyUsage: KEY_USAGES.filter(([bit]) => (usage.usages & bit) !== 0).map(([, n]) => n) } : {}),
      ...(aaguid?.ok ? { aaguid: aaguid.value } : {}),
      extensions: cert.extensions.map((e) => ({
        oid: e.type,
        name: EXTENSION_NAMES[e.type] ?? e.type,
        critical: e.critical,
        valueHex: toHex(new Uint8Array(e.value)),
      })),
      selfSigned,
      sha256Fingerprint: toHex(await sha256(der)),
      pem: cert.toString('pem'),
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

/** The leaf's public key as a WebCrypto key for verifying attestation signatures. */
export async function certificatePublicKey(
  der: Uint8Array,
  alg: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams,
): Promise<Decoded<CryptoKey>> {
  const cert = parseCertificate(der);
  if (!cert) return fail('attestation certificate is not DER X.509');
  try {
    return ok(await cert.publicKey.export(alg as Algorithm, ['verify']));
  } catch (e) {
    return fail(
      `the certificate's key cannot be used for this algorithm: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
