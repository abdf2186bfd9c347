// Seals credential secrets (PKCS#8 private key, PRF secret) with AES-GCM under a wrapping key that is itself
// non-extractable (in the extension it lives in IndexedDB, which can hold a CryptoKey without exposing it).
// Storage then never holds a private key in the clear, and a signing key, once opened, is non-extractable.
import { base64urlToBytes, toBase64url } from '../webauthn/base64url.js';
import { toArrayBuffer } from '../webauthn/bytes.js';

export interface SealedSecret {
  iv: string;
  data: string;
  /** Sealed with its credential id and RP ID as AES-GCM associated data (records before that have none). */
  bound?: 1;
}

/** What a credential's secret is bound to: opened for another id or RP ID, it fails. */
export interface SecretBinding {
  credentialId: string;
  rpId: string;
}

const associatedData = (b: SecretBinding): ArrayBuffer =>
  toArrayBuffer(new TextEncoder().encode(`webauthn-devtools credential\n${b.credentialId}\n${b.rpId}`));

export interface CredentialSecrets {
  pkcs8: Uint8Array;
  prfSecret: Uint8Array;
}

export class KeyVault {
  constructor(private readonly wrappingKey: () => Promise<CryptoKey>) {}

  /** A vault with a fresh in-memory wrapping key (tests, or where no persistent key store exists). */
  static async ephemeral(): Promise<KeyVault> {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    return new KeyVault(async () => key);
  }

  async sealBytes(bytes: Uint8Array, binding?: SecretBinding): Promise<SealedSecret> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const params: AesGcmParams = {
      name: 'AES-GCM',
      iv,
      ...(binding ? { additionalData: associatedData(binding) } : {}),
    };
    const data = await crypto.subtle.encrypt(params, await this.wrappingKey(), toArrayBuffer(bytes));
    return { iv: toBase64url(iv), data: toBase64url(new Uint8Array(data)), ...(binding ? { bound: 1 as const } : {}) };
  }

  async openBytes(sealed: SealedSecret, binding?: SecretBinding): Promise<Uint8Array> {
    const iv = toArrayBuffer(base64urlToBytes(sealed.iv));
    const params: AesGcmParams = {
      name: 'AES-GCM',
      iv,
      ...(sealed.bound && binding ? { additionalData: associatedData(binding) } : {}),
    };
    const plain = await crypto.subtle.decrypt(
      params,
      await this.wrappingKey(),
      toArrayBuffer(base64urlToBytes(sealed.data)),
    );
    return new Uint8Array(plain);
  }

  /** A credential's secrets, bound to its id and RP ID: editing either in the record makes them unusable. */
  async seal(s: CredentialSecrets, binding: SecretBinding): Promise<SealedSecret> {
    const json = JSON.stringify({ pkcs8: toBase64url(s.pkcs8), prf: toBase64url(s.prfSecret) });
    return this.sealBytes(new TextEncoder().encode(json), binding);
  }

  async open(sealed: SealedSecret, binding: SecretBinding): Promise<CredentialSecrets> {
    const o = JSON.parse(new TextDecoder().decode(await this.openBytes(sealed, binding))) as {
      pkcs8: string;
      prf: string;
    };
    return { pkcs8: base64urlToBytes(o.pkcs8), prfSecret: base64urlToBytes(o.prf) };
  }
}
