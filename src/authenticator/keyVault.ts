// Seals credential secrets (PKCS#8 private key, PRF secret) with AES-GCM under a wrapping key that is itself
// non-extractable (in the extension it lives in IndexedDB, which can hold a CryptoKey without exposing it).
// Storage then never holds a private key in the clear, and a signing key, once opened, is non-extractable.
import { base64urlToBytes, toBase64url } from '../webauthn/base64url.js';
import { toArrayBuffer } from '../webauthn/bytes.js';

export interface SealedSecret {
  iv: string;
  data: string;
}

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

  async sealBytes(bytes: Uint8Array): Promise<SealedSecret> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await this.wrappingKey(), toArrayBuffer(bytes));
    return { iv: toBase64url(iv), data: toBase64url(new Uint8Array(data)) };
  }

  async openBytes(sealed: SealedSecret): Promise<Uint8Array> {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: toArrayBuffer(base64urlToBytes(sealed.iv)) },
      await this.wrappingKey(),
      toArrayBuffer(base64urlToBytes(sealed.data)),
    );
    return new Uint8Array(plain);
  }

  async seal(s: CredentialSecrets): Promise<SealedSecret> {
    const json = JSON.stringify({ pkcs8: toBase64url(s.pkcs8), prf: toBase64url(s.prfSecret) });
    return this.sealBytes(new TextEncoder().encode(json));
  }

  async open(sealed: SealedSecret): Promise<CredentialSecrets> {
    const o = JSON.parse(new TextDecoder().decode(await this.openBytes(sealed))) as { pkcs8: string; prf: string };
    return { pkcs8: base64urlToBytes(o.pkcs8), prfSecret: base64urlToBytes(o.prf) };
  }
}
