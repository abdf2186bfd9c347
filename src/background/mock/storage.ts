// The software authenticator's persistence in the extension: credentials (one storage.local key each, so
// concurrent updates of two credentials never overwrite each other), the attestation CA, and the key that
// seals private keys, kept as a non-extractable CryptoKey in IndexedDB (storage.local can only hold JSON).
import type { AttestationCaStorage, StoredAttestationCa } from '../../authenticator/attestationCa.js';
import type { CredentialStore, StoredCredential } from '../../authenticator/credentialStore.js';
import { quietTimer } from '../../quietTimer.js';

const CREDENTIAL = 'mock.credential:';
const CA = 'mock.attestationCa';
const WRITE_QUIET_MS = 10;
const WRITE_MAX_WAIT_MS = 100;
const local = () => chrome.storage.local;

/**
 * Credentials in storage.local, one key each, with an in-memory copy loaded once per worker: the worker is
 * the only writer (the popup goes through it), so reads never need the storage round trip.
 */
export class StorageCredentialStore implements CredentialStore {
  private cache?: Promise<Map<string, StoredCredential>>;
  /** Storage key → credential, for the next write. */
  private unwritten = new Map<string, StoredCredential>();
  private writeTimer = quietTimer(WRITE_QUIET_MS, WRITE_MAX_WAIT_MS, () => this.flush());

  private all(): Promise<Map<string, StoredCredential>> {
    this.cache ??= local()
      .get(null)
      .then(
        (items) =>
          new Map(
            Object.entries(items)
              .filter(([k]) => k.startsWith(CREDENTIAL))
              .map(([, v]) => [(v as StoredCredential).id, v as StoredCredential]),
          ),
      );
    return this.cache;
  }
  async list(rpId?: string): Promise<StoredCredential[]> {
    return [...(await this.all()).values()]
      .filter((c) => rpId === undefined || c.rpId === rpId)
      .map((c) => structuredClone(c));
  }
  async get(id: string): Promise<StoredCredential | undefined> {
    const c = (await this.all()).get(id);
    return c && structuredClone(c);
  }
  /**
   * Updates the copy and issues its write once calls pause for WRITE_QUIET_MS (at most WRITE_MAX_WAIT_MS), without
   * waiting for it: issuing a storage.local write costs this thread serialization and an onChanged event, and
   * made between two back-to-back calls it delays the second. A worker killed before the write is issued loses
   * the change. Later reads are served from the copy. A failed write is reported in the console.
   */
  async put(credential: StoredCredential): Promise<void> {
    (await this.all()).set(credential.id, structuredClone(credential));
    this.unwritten.set(CREDENTIAL + credential.id, credential);
    this.writeTimer.poke();
  }
  async delete(id: string): Promise<boolean> {
    const had = (await this.all()).delete(id);
    this.unwritten.delete(CREDENTIAL + id);
    await local().remove(CREDENTIAL + id);
    return had;
  }

  /** Issues the writes of every update not yet written. */
  flush(): void {
    this.writeTimer.cancel();
    if (!this.unwritten.size) return;
    const items = Object.fromEntries(this.unwritten);
    this.unwritten.clear();
    local()
      .set(items)
      .catch((e: unknown) => console.error('webauthn-devtools: credential not saved', e));
  }
}

export const storageAttestationCa: AttestationCaStorage = {
  load: async () => (await local().get(CA))[CA] as StoredAttestationCa | undefined,
  save: async (ca) => {
    await local().set({ [CA]: ca });
  },
};

/** The vault's AES-GCM wrapping key: generated once, non-extractable, stored in IndexedDB. */
export function indexedDbWrappingKey(): () => Promise<CryptoKey> {
  let key: Promise<CryptoKey> | undefined;
  return () =>
    (key ??= openKey().catch((e: unknown) => {
      key = undefined;
      throw e;
    }));
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function openKey(): Promise<CryptoKey> {
  const open = indexedDB.open('webauthn-devtools-mock', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('keys');
  const db = await request(open);
  const existing = (await request(db.transaction('keys').objectStore('keys').get('wrap'))) as CryptoKey | undefined;
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const tx = db.transaction('keys', 'readwrite');
  // add() fails if a concurrent first run stored one already: then that one is the key.
  tx.objectStore('keys').add(key, 'wrap');
  try {
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return key;
  } catch {
    return (await request(db.transaction('keys').objectStore('keys').get('wrap'))) as CryptoKey;
  }
}
