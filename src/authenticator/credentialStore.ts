// Where credentials live. The authenticator talks to this interface only: an in-memory store for Node tests,
// and an IndexedDB one in the extension's background (src/background/mock/storage.ts).
import type { SealedSecret } from './keyVault.js';

export interface StoredCredential {
  /** Credential ID, base64url. */
  id: string;
  rpId: string;
  /** user.id, base64url. */
  userHandle: string;
  userName: string;
  userDisplayName: string;
  /** COSE algorithm of the key pair. */
  alg: number;
  /** Credential public key as a COSE_Key, base64url. */
  publicKey: string;
  /** The same key as SubjectPublicKeyInfo, base64url. */
  spki: string;
  discoverable: boolean;
  signCount: number;
  /** The profile (authenticator) that holds it. */
  profileId: string;
  aaguid: string;
  transports: readonly string[];
  attachment: 'platform' | 'cross-platform';
  backupEligible: boolean;
  backupState: boolean;
  /** credProtect level: 1 userVerificationOptional, 2 …WithCredentialIDList, 3 userVerificationRequired. */
  credProtect: 1 | 2 | 3;
  largeBlobSupported: boolean;
  /** The stored large blob, base64url. */
  largeBlob?: string;
  /** The credBlob extension's bytes (base64url), fixed at creation. */
  credBlob?: string;
  createdAt: number;
  lastUsedAt?: number;
  /** Hidden from sign-in by an RP's signal (signalAllAcceptedCredentials, or signalUnknownCredential when the
   * user chose hiding); the popup can show it again. */
  hidden?: boolean;
  /** Private key and PRF secret, sealed by the key vault. */
  secret: SealedSecret;
}

/**
 * A credential as a store hands it out: frozen (deeply), one object for every reader until the credential
 * changes, so that a read copies nothing. A ceremony reads a credential two or three times; copying it each time
 * was a measurable part of a get(). A change is a new object, given to put() or update(), which keep it as it is:
 * it is frozen from then on.
 */
export type FrozenCredential = Readonly<StoredCredential> & { readonly secret: Readonly<StoredCredential['secret']> };

/** `c` frozen, deeply: what a store keeps and hands out. */
export function frozenCredential(c: StoredCredential): FrozenCredential {
  const freeze = <T>(v: T): T => {
    if (v && typeof v === 'object' && !Object.isFrozen(v)) for (const x of Object.values(Object.freeze(v))) freeze(x);
    return v;
  };
  return freeze(c);
}

export interface CredentialStore {
  /** Every credential, or those of one RP ID (a ceremony never needs more). */
  list(rpId?: string): Promise<FrozenCredential[]>;
  get(id: string): Promise<FrozenCredential | undefined>;
  /** Adds or replaces a credential, and keeps the object (frozen); resolves once it is stored. */
  put(credential: StoredCredential): Promise<void>;
  /**
   * Replaces a credential that is still there (a use: sign count, last use, large blob); false when it was
   * deleted meanwhile, which the change must not undo. Resolves once no kill can roll back what the page
   * will see (the store may keep a sign-count reservation ahead of the exact count).
   */
  update(credential: StoredCredential): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** How many credentials it holds (for one RP ID), without copying them. */
  count(rpId?: string): Promise<number>;
}

export class MemoryCredentialStore implements CredentialStore {
  private items = new Map<string, FrozenCredential>();
  async list(rpId?: string): Promise<FrozenCredential[]> {
    return [...this.items.values()].filter((c) => rpId === undefined || c.rpId === rpId);
  }
  async get(id: string): Promise<FrozenCredential | undefined> {
    return this.items.get(id);
  }
  async put(credential: StoredCredential): Promise<void> {
    this.items.set(credential.id, frozenCredential(credential));
  }
  async update(credential: StoredCredential): Promise<boolean> {
    if (!this.items.has(credential.id)) return false;
    this.items.set(credential.id, frozenCredential(credential));
    return true;
  }
  async delete(id: string): Promise<boolean> {
    return this.items.delete(id);
  }
  async count(rpId?: string): Promise<number> {
    return rpId === undefined ? this.items.size : [...this.items.values()].filter((c) => c.rpId === rpId).length;
  }
}
