// The software authenticator's persistence in the extension, all in the mock's IndexedDB database
// (mockDatabase.ts): credentials (one record each, so concurrent updates of two credentials never overwrite
// each other), the attestation CA, and the key that seals private keys, a non-extractable CryptoKey.
import type { AttestationCaStorage, StoredAttestationCa } from '../../authenticator/attestationCa.js';
import {
  frozenCredential,
  type CredentialStore,
  type FrozenCredential,
  type StoredCredential,
} from '../../authenticator/credentialStore.js';
import { quietTimer } from '../../quietTimer.js';
import { read, readAll, STORES, write } from './mockDatabase.js';

/** Where earlier versions kept credentials and the CA; moved into IndexedDB once, then removed. */
const LEGACY_CREDENTIAL = 'mock.credential:';
const LEGACY_CA = 'mock.attestationCa';
const CA = 'attestationCa';

/** Sign counts reserved ahead of the exact one, so that most uses need no durable write before the answer. */
export const SIGN_COUNT_RESERVE = 32;
/** Quiet time after which the reservation is given back (the exact count written as the ceiling). */
const RESERVE_RETURN_MS = 5_000;
/** Quiet time before an exact count and last use are written, when no durable write was needed. */
const LAZY_WRITE_MS = 10;

/** A credential as IndexedDB holds it: with the highest sign count any answer may have used. */
type Persisted = StoredCredential & { signCountCeiling?: number };

const ceilingOf = (p: Persisted | undefined): number => p?.signCountCeiling ?? p?.signCount ?? -1;
/** What a use changes on its own. */
const USE_FIELDS: ReadonlySet<string> = new Set(['signCount', 'lastUsedAt', 'signCountCeiling']);
/** Whether `next` differs from `persisted` in more than what a use changes on its own. */
export const onlyUseChanged = (persisted: Persisted, next: StoredCredential): boolean =>
  sameJson(persisted, next, USE_FIELDS);

/**
 * Equality as JSON sees it (a member whose value is undefined is absent), but for the members `skip` names at
 * the top: a use compares every field of its credential, at every get(), and serializing both cost more.
 */
function sameJson(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>,
    rb = b as Record<string, unknown>;
  let members = 0;
  for (const k in ra) {
    if (!counts(ra, k, skip)) continue;
    if (!sameJson(ra[k], rb[k])) return false;
    members++;
  }
  for (const k in rb) if (counts(rb, k, skip)) members--;
  return members === 0;
}
const counts = (r: Record<string, unknown>, k: string, skip: ReadonlySet<string> | undefined): boolean =>
  Object.hasOwn(r, k) && r[k] !== undefined && !skip?.has(k);

/**
 * Credentials in IndexedDB, with an in-memory copy loaded once per worker: the worker is the only writer
 * (the popup goes through it), so reads never need the database round trip.
 *
 * Nothing the page received is lost when the worker dies. A new credential, an import, a large blob or any
 * other change is committed before the authenticator answers. A use that only moves the sign count is
 * covered by a reservation: the stored ceiling is at least every count handed out, raised (committed first)
 * in steps of SIGN_COUNT_RESERVE, so a worker killed mid-burst resumes above every count a page saw, never
 * below. The exact count follows within LAZY_WRITE_MS, and after RESERVE_RETURN_MS of quiet the ceiling
 * comes back down to it, so a worker that stops when idle resumes exactly.
 */
export class IndexedDbCredentialStore implements CredentialStore {
  private cache?: Promise<Map<string, FrozenCredential>>;
  /** What IndexedDB holds (or will once the lazy write lands), by id. */
  private persisted = new Map<string, Persisted>();
  private lazy = new Map<string, Persisted>();
  private lazyTimer = quietTimer(LAZY_WRITE_MS, Infinity, () => this.writeLazy());
  /** After a quiet spell, every ceiling comes down to its exact count. */
  private returnTimer = quietTimer(RESERVE_RETURN_MS, Infinity, () => this.returnReservations());

  private all(): Promise<Map<string, FrozenCredential>> {
    this.cache ??= loadCredentials().then((list) => {
      for (const p of list) this.persisted.set(p.id, p);
      return new Map(list.map((p) => [p.id, frozenCredential(resumed(p))]));
    });
    this.cache.catch(() => (this.cache = undefined));
    return this.cache;
  }
  async list(rpId?: string): Promise<FrozenCredential[]> {
    return [...(await this.all()).values()].filter((c) => rpId === undefined || c.rpId === rpId);
  }
  async get(id: string): Promise<FrozenCredential | undefined> {
    return (await this.all()).get(id);
  }
  async put(credential: StoredCredential): Promise<void> {
    (await this.all()).set(credential.id, frozenCredential(credential));
    await this.commit({ ...credential, signCountCeiling: credential.signCount + SIGN_COUNT_RESERVE });
  }
  async update(credential: StoredCredential): Promise<boolean> {
    const cache = await this.all();
    if (!cache.has(credential.id)) return false;
    cache.set(credential.id, frozenCredential(credential));
    const persisted = this.persisted.get(credential.id);
    if (persisted && onlyUseChanged(persisted, credential) && credential.signCount <= ceilingOf(persisted)) {
      this.later({ ...credential, signCountCeiling: ceilingOf(persisted) });
    } else {
      await this.commit({ ...credential, signCountCeiling: credential.signCount + SIGN_COUNT_RESERVE });
    }
    return cache.has(credential.id);
  }
  async count(rpId?: string): Promise<number> {
    const all = await this.all();
    if (rpId === undefined) return all.size;
    let n = 0;
    for (const c of all.values()) if (c.rpId === rpId) n++;
    return n;
  }
  async delete(id: string): Promise<boolean> {
    const had = (await this.all()).delete(id);
    this.persisted.delete(id);
    this.lazy.delete(id);
    await write(STORES.credentials, (s) => s.delete(id));
    return had;
  }

  private async commit(p: Persisted): Promise<void> {
    this.persisted.set(p.id, p);
    this.lazy.delete(p.id);
    await write(STORES.credentials, (s) => s.put(p));
    this.returnTimer.poke();
  }
  /** A write no answer waits for: the exact count and last use, under a ceiling already committed. */
  private later(p: Persisted): void {
    this.persisted.set(p.id, p);
    this.lazy.set(p.id, p);
    this.lazyTimer.poke();
    this.returnTimer.poke();
  }
  private writeLazy(): void {
    const items = [...this.lazy.values()];
    this.lazy.clear();
    if (items.length)
      write(STORES.credentials, (s) => items.forEach((p) => s.put(p))).catch((e: unknown) =>
        console.error('webauthn-devtools: last use not saved', e),
      );
  }
  private returnReservations(): void {
    const lowered = [...this.persisted.values()]
      .filter((p) => ceilingOf(p) > p.signCount)
      .map((p) => ({ ...p, signCountCeiling: p.signCount }));
    for (const p of lowered) this.persisted.set(p.id, p);
    if (lowered.length)
      write(STORES.credentials, (s) => lowered.forEach((p) => s.put(p))).catch((e: unknown) =>
        console.error('webauthn-devtools: sign-count reservation not returned', e),
      );
  }
}

/** A credential as a fresh worker resumes it: at its ceiling, above every count handed out before. */
function resumed(p: Persisted): StoredCredential {
  const { signCountCeiling, ...c } = p;
  return { ...c, signCount: Math.max(c.signCount, signCountCeiling ?? c.signCount) };
}

async function loadCredentials(): Promise<Persisted[]> {
  const legacy = await chrome.storage.local.get(null);
  const moved = Object.entries(legacy)
    .filter(([k]) => k.startsWith(LEGACY_CREDENTIAL))
    .map(([, v]) => v as StoredCredential);
  const legacyCa = legacy[LEGACY_CA] as StoredAttestationCa | undefined;
  if (moved.length || legacyCa) {
    // Written before the old keys go: a worker killed in between finds them again and writes them again.
    await write(STORES.credentials, (s) => moved.forEach((c) => s.put(c)));
    if (legacyCa && !(await read(STORES.state, CA))) await write(STORES.state, (s) => s.put(legacyCa, CA));
    await chrome.storage.local.remove([...moved.map((c) => LEGACY_CREDENTIAL + c.id), LEGACY_CA]);
  }
  return readAll<Persisted>(STORES.credentials);
}

export const indexedDbAttestationCa: AttestationCaStorage = {
  load: () => read<StoredAttestationCa>(STORES.state, CA),
  save: (ca) => write(STORES.state, (s) => s.put(ca, CA)),
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

async function openKey(): Promise<CryptoKey> {
  const existing = await read<CryptoKey>(STORES.keys, 'wrap');
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  try {
    // add() fails if a concurrent first run stored one already: then that one is the key.
    await write(STORES.keys, (s) => s.add(key, 'wrap'));
    return key;
  } catch {
    return (await read<CryptoKey>(STORES.keys, 'wrap'))!;
  }
}
