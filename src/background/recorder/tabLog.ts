// The per-tab ceremony log, in storage.session so a service-worker restart loses nothing (and a browser
// restart clears it, as a DevTools log should). Each record is its own key; a per-tab index keeps the
// order. A ring of LOG_LIMIT ceremonies per tab: the oldest go first. storage.session is only readable
// by extension pages (TRUSTED_CONTEXTS, the default), never by content scripts or the page.
import type { CeremonyRecord } from '../../webauthn/record.js';

/** At most this many ceremonies per tab; older ones are dropped first. */
export const LOG_LIMIT = 1000;

const area = (): chrome.storage.StorageArea => chrome.storage.session;
const indexKey = (tabId: number) => `log:${tabId}`;
const recordKey = (tabId: number, id: string) => `rec:${tabId}:${id}`;

const indexes = new Map<number, Promise<string[]>>();
const locks = new Map<number, Promise<unknown>>();

/** Runs `f` after every earlier operation on this tab's log: concurrent upserts lose nothing. */
function locked<T>(tabId: number, f: () => Promise<T>): Promise<T> {
  const prev = locks.get(tabId) ?? Promise.resolve();
  const next = prev.then(f, f);
  locks.set(
    tabId,
    next.catch(() => undefined),
  );
  return next;
}

function loadIndex(tabId: number): Promise<string[]> {
  let p = indexes.get(tabId);
  if (!p) {
    p = area()
      .get(indexKey(tabId))
      .then((v) => (Array.isArray(v[indexKey(tabId)]) ? (v[indexKey(tabId)] as string[]) : []));
    indexes.set(tabId, p);
  }
  return p;
}

async function write(items: Record<string, unknown>, tabId: number, index: string[]): Promise<void> {
  try {
    await area().set(items);
  } catch (e) {
    // Quota (10 MB in Chromium's storage.session): drop the oldest half of this tab's log and retry once.
    const evicted = index.splice(0, Math.max(1, Math.floor(index.length / 2)));
    await area().remove(evicted.map((id) => recordKey(tabId, id)));
    console.warn('webauthn-devtools: storage.session is full; dropped the oldest ceremonies of tab', tabId, e);
    const kept = { ...items, [indexKey(tabId)]: index };
    for (const id of evicted) delete kept[recordKey(tabId, id)];
    await area().set(kept);
  }
}

/**
 * Inserts or replaces records (the final version of a pending call has the same id), in one storage write, and
 * resolves once they are written: the bridge keeps them until then, so a worker that dies first loses none.
 */
export function upsertAll(tabId: number, records: readonly CeremonyRecord[]): Promise<CeremonyRecord[]> {
  return locked(tabId, async () => {
    const index = await loadIndex(tabId);
    const items: Record<string, unknown> = {};
    let grew = false;
    for (const record of records) {
      items[recordKey(tabId, record.id)] = record;
      if (!index.includes(record.id)) {
        index.push(record.id);
        grew = true;
      }
    }
    if (grew) {
      const evicted = index.length > LOG_LIMIT ? index.splice(0, index.length - LOG_LIMIT) : [];
      for (const id of evicted) delete items[recordKey(tabId, id)];
      if (evicted.length) await area().remove(evicted.map((id) => recordKey(tabId, id)));
      items[indexKey(tabId)] = index;
    }
    await write(items, tabId, index);
    return [...records];
  });
}

export const upsert = (tabId: number, record: CeremonyRecord): Promise<CeremonyRecord> =>
  upsertAll(tabId, [record]).then(([r]) => r!);

export function snapshot(tabId: number): Promise<CeremonyRecord[]> {
  return locked(tabId, async () => {
    const index = await loadIndex(tabId);
    if (!index.length) return [];
    const keys = index.map((id) => recordKey(tabId, id));
    const got = await area().get(keys);
    return keys.map((k) => got[k] as CeremonyRecord | undefined).filter((r): r is CeremonyRecord => !!r);
  });
}

async function removeAll(tabId: number): Promise<void> {
  const index = await loadIndex(tabId);
  await area().remove([indexKey(tabId), ...index.map((id) => recordKey(tabId, id))]);
  indexes.set(tabId, Promise.resolve([]));
}

export function clear(tabId: number): Promise<void> {
  return locked(tabId, () => removeAll(tabId));
}

/**
 * Clears the log if `condition` holds, in order with the upserts around it: the lock is taken when this is
 * called, so a record that arrives after (a new page's first call) is never wiped by a clear still deciding.
 */
export function clearIf(tabId: number, condition: () => Promise<boolean>): Promise<boolean> {
  return locked(tabId, async () => {
    if (!(await condition())) return false;
    await removeAll(tabId);
    return true;
  });
}
