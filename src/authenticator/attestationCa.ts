// The local attestation CA: a self-signed root made once and kept, and one batch attestation certificate
// per AAGUID under it, carrying the FIDO AAGUID extension (id-fido-gen-ce-aaguid) that packed attestation
// requires to match the authenticator data. An RP that wants to verify the chain trusts the root's PEM.
// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { base64urlToBytes, toBase64url } from '../webauthn/base64url.js';
import { bytesFromUuid, concatBytes, toArrayBuffer } from '../webauthn/bytes.js';
import type { KeyVault, SealedSecret } from './keyVault.js';

export const FIDO_AAGUID_EXTENSION = '1.3.6.1.4.1.45724.1.1.4';
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const YEARS = (n: number): Date => new Date(Date.now() + n * 365 * 24 * 3600 * 1000);

interface StoredCertificate {
  cert: string;
  key: SealedSecret;
}
export interface StoredAttestationCa {
  root: StoredCertificate;
  /** Batch certificates by AAGUID. */
  leaves: Record<string, StoredCertificate>;
}

/** Where the CA is kept between runs (storage.local in the extension; memory in tests). */
export interface AttestationCaStorage {
  load(): Promise<StoredAttestationCa | undefined>;
  save(ca: StoredAttestationCa): Promise<void>;
}

export interface AttestationSigner {
  /** DER certificates, leaf first (the root is not sent: the RP holds it). */
  x5c: Uint8Array[];
  key: CryptoKey;
}

export class AttestationCa {
  private state?: Promise<StoredAttestationCa>;
  private signers = new Map<string, Promise<AttestationSigner>>();

  constructor(
    private readonly storage: AttestationCaStorage,
    private readonly vault: KeyVault,
  ) {}

  /** The root certificate (DER), for RPs' trust anchors and the popup. */
  async rootCertificate(): Promise<Uint8Array> {
    return base64urlToBytes((await this.load()).root.cert);
  }

  async rootCertificatePem(): Promise<string> {
    return new x509.X509Certificate(toArrayBuffer(await this.rootCertificate())).toString('pem');
  }

  signerFor(aaguid: string): Promise<AttestationSigner> {
    let s = this.signers.get(aaguid);
    if (!s) {
      s = this.makeSigner(aaguid);
      this.signers.set(aaguid, s);
      s.catch(() => this.signers.delete(aaguid));
    }
    return s;
  }

  private load(): Promise<StoredAttestationCa> {
    if (!this.state) {
      this.state = (async () => (await this.storage.load()) ?? (await this.createRoot()))();
      this.state.catch(() => (this.state = undefined));
    }
    return this.state;
  }

  private async createRoot(): Promise<StoredAttestationCa> {
    const keys = (await crypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: 'CN=WebAuthn DevTools Local Attestation Root, O=WebAuthn DevTools, C=US',
      notBefore: new Date(Date.now() - 24 * 3600 * 1000),
      notAfter: YEARS(20),
      signingAlgorithm: SIGNING,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const ca: StoredAttestationCa = { root: await this.storeCert(cert, keys.privateKey), leaves: {} };
    await this.storage.save(ca);
    return ca;
  }

  private async storeCert(cert: x509.X509Certificate, key: CryptoKey): Promise<StoredCertificate> {
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
    return { cert: toBase64url(new Uint8Array(cert.rawData)), key: await this.vault.sealBytes(pkcs8) };
  }

  private async openKey(s: StoredCertificate): Promise<CryptoKey> {
    return crypto.subtle.importKey('pkcs8', toArrayBuffer(await this.vault.openBytes(s.key)), EC_P256, false, ['sign']);
  }

  /** A batch certificate for `aaguid` under `issuer`, valid from `notBefore` to `notAfter`. */
  private async issueLeaf(
    aaguid: string,
    issuer: { cert: x509.X509Certificate; key: CryptoKey },
    notBefore: Date,
    notAfter: Date,
  ): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
    const keys = (await crypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
    // extnValue of the AAGUID extension is an OCTET STRING holding the 16 AAGUID bytes.
    const aaguidValue = concatBytes(new Uint8Array([0x04, 0x10]), bytesFromUuid(aaguid));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      // Packed attestation (§8.2.1): C, O, OU "Authenticator Attestation", CN.
      subject: 'C=US, O=WebAuthn DevTools, OU=Authenticator Attestation, CN=WebAuthn DevTools Mock Authenticator',
      issuer: issuer.cert.subject,
      notBefore,
      notAfter,
      signingAlgorithm: SIGNING,
      publicKey: keys.publicKey,
      signingKey: issuer.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.Extension(FIDO_AAGUID_EXTENSION, false, toArrayBuffer(aaguidValue)),
        await x509.AuthorityKeyIdentifierExtension.create(issuer.cert.publicKey),
      ],
    });
    return { cert, key: keys.privateKey };
  }

  private async root(): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
    const ca = await this.load();
    return {
      cert: new x509.X509Certificate(toArrayBuffer(base64urlToBytes(ca.root.cert))),
      key: await this.openKey(ca.root),
    };
  }

  private async makeSigner(aaguid: string): Promise<AttestationSigner> {
    const ca = await this.load();
    let leaf = ca.leaves[aaguid];
    if (!leaf) {
      const issued = await this.issueLeaf(aaguid, await this.root(), new Date(Date.now() - DAY), YEARS(10));
      leaf = await this.storeCert(issued.cert, issued.key);
      // Re-read before saving so that two AAGUIDs made at once both survive.
      const latest = await this.load();
      latest.leaves[aaguid] = leaf;
      await this.storage.save(latest);
    }
    return { x5c: [base64urlToBytes(leaf.cert)], key: await this.openKey(leaf) };
  }

  /**
   * A signer whose chain an RP must refuse (RP security tests), made for one ceremony and never stored: under a
   * root no metadata lists, with another AAGUID in its certificate, or expired since yesterday.
   */
  async tamperedSigner(
    aaguid: string,
    how: 'chain-untrusted' | 'aaguid-mismatch' | 'cert-expired',
  ): Promise<AttestationSigner> {
    const now = Date.now();
    let issuer = await this.root();
    if (how === 'chain-untrusted') {
      const keys = (await crypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: randomSerial(),
        name: 'CN=Untrusted Attestation Root, O=Nobody, C=US',
        notBefore: new Date(now - DAY),
        notAfter: YEARS(1),
        signingAlgorithm: SIGNING,
        keys,
        extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
      });
      issuer = { cert, key: keys.privateKey };
    }
    const certAaguid = how === 'aaguid-mismatch' ? otherAaguid(aaguid) : aaguid;
    const [notBefore, notAfter] =
      how === 'cert-expired' ? [new Date(now - 3 * DAY), new Date(now - DAY)] : [new Date(now - DAY), YEARS(1)];
    const leaf = await this.issueLeaf(certAaguid, issuer, notBefore, notAfter);
    const x5c = [new Uint8Array(leaf.cert.rawData)];
    if (how === 'chain-untrusted') x5c.push(new Uint8Array(issuer.cert.rawData));
    return { x5c, key: leaf.key };
  }
}

const DAY = 24 * 3600 * 1000;

/** An AAGUID that differs from `aaguid` in its last hex digit. */
function otherAaguid(aaguid: string): string {
  const last = aaguid.at(-1)!;
  return aaguid.slice(0, -1) + (last === '0' ? '1' : '0');
}

function randomSerial(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = b[0]! & 0x7f;
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class MemoryAttestationCaStorage implements AttestationCaStorage {
  private value?: StoredAttestationCa;
  async load(): Promise<StoredAttestationCa | undefined> {
    return this.value && structuredClone(this.value);
  }
  async save(ca: StoredAttestationCa): Promise<void> {
    this.value = structuredClone(ca);
  }
}
