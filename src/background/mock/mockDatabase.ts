// The mock's IndexedDB database: the one place its credentials, its attestation CA and the key that seals
// private keys are kept. No content script can open an extension's IndexedDB (storage.local, by contrast,
// is readable by them). A write resolves once its transaction has committed: the browser's storage process
// holds it, so a worker killed right after loses nothing.
const NAME = 'webauthn-devtools-mock';
const VERSION = 2;
export const STORES = { keys: 'keys', credentials: 'credentials', state: 'state' } as const;
type StoreName = (typeof STORES)[keyof typeof STORES];

let db: Promise<IDBDatabase> | undefined;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function database(): Promise<IDBDatabase> {
  db ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(NAME, VERSION);
    open.onupgradeneeded = () => {
      const d = open.result;
      // Version 1 held the wrapping key alone.
      if (!d.objectStoreNames.contains(STORES.keys)) d.createObjectStore(STORES.keys);
      if (!d.objectStoreNames.contains(STORES.credentials)) d.createObjectStore(STORES.credentials, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(STORES.state)) d.createObjectStore(STORES.state);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  }).catch((e: unknown) => {
    db = undefined;
    throw e;
  });
  return db;
}

/** Runs `work` in one readwrite transaction; resolves once it has committed. */
export async function write(store: StoreName, work: (s: IDBObjectStore) => void): Promise<void> {
  // Relaxed durability: committed to the browser's storage backend (what a worker kill cannot undo)
  // without waiting for the disk flush a power cut would need.
  const tx = (await database()).transaction(store, 'readwrite', { durability: 'relaxed' });
  work(tx.objectStore(store));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError'));
  });
}

export async function read<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return (await request((await database()).transaction(store).objectStore(store).get(key))) as T | undefined;
}

export async function readAll<T>(store: StoreName): Promise<T[]> {
  return (await request((await database()).transaction(store).objectStore(store).getAll())) as T[];
}
