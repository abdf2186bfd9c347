// The per-tab ceremony log, in storage.session so a service-worker restart loses nothing (and a browser
// restart clears it, as a DevTools log should). Each record is its own key; a per-tab index keeps the order,
// each record's size and how many were dropped. storage.session is only readable by extension pages
// (TRUSTED_CONTEXTS, the default), never by content scripts or the page.
//
// No tab can evict another's records by filling storage: each tab has a byte budget and a record count, and
// when all logs together reach the total budget the biggest tab loses its oldest records first. A tab that
// stays under its share never loses a record to another.
import type { CeremonyRecord } from '../../webauthn/record.js';

/** At most this many ceremonies per tab; older ones are dropped first. */
export const LOG_LIMIT = 1000;
/** Bytes (JSON characters) one tab's log may hold. */
export const TAB_BUDGET_BYTES = 3 * 1024 * 1024;
/** All tabs' logs together: under Chromium's 10 MiB storage.session quota, with room for the indexes. */
export const TOTAL_BUDGET_BYTES = 8 * 1024 * 1024;
/** A record bigger than this (megabytes of unknown extension input) keeps its metadata, not its payloads. */
export const RECORD_MAX_BYTES = 512 * 1024;

const area = (): chrome.storage.StorageArea => chrome.storage.session;
const REGISTRY_KEY = 'logs';
const indexKey = (tabId: number) => `log:${tabId}`;
const recordKey = (tabId: number, id: string) => `rec:${tabId}:${id}`;

/** One tab's log: record ids oldest first, each one's stored size, and how many records were dropped. */
interface TabIndex {
  ids: string[];
  sizes: number[];
  dropped: number;
}
type Indexes = Map<number, TabIndex>;

let loaded: Promise<Indexes> | undefined;
let queue: Promise<unknown> = Promise.resolve();
type DroppedListener = (tabId: number, dropped: number, ids: string[]) => void;
const droppedListeners: DroppedListener[] = [];

/** Tells `listener` whenever a tab's log drops records: the tab's total so far, and the ids just dropped. */
export function onDropped(listener: DroppedListener): void {
  droppedListeners.push(listener);
}

/** Runs `f` after every earlier log operation: budgets span tabs, so all tabs share one queue. */
function locked<T>(f: (indexes: Indexes) => Promise<T>): Promise<T> {
  const next = queue.then(() => load().then(f));
  queue = next.catch(() => undefined);
  return next;
}

function asIndex(v: unknown): TabIndex {
  // An index written before sizes were kept is a plain id list.
  if (Array.isArray(v)) return { ids: v.map(String), sizes: v.map(() => 0), dropped: 0 };
  const o = v as Partial<TabIndex> | undefined;
  if (!o || !Array.isArray(o.ids)) return { ids: [], sizes: [], dropped: 0 };
  return { ids: o.ids, sizes: o.ids.map((_, i) => Number(o.sizes?.[i]) || 0), dropped: Number(o.dropped) || 0 };
}

function load(): Promise<Indexes> {
  loaded ??= (async () => {
    const reg = (await area().get(REGISTRY_KEY))[REGISTRY_KEY];
    const tabs = Array.isArray(reg) ? reg.filter((t): t is number => Number.isInteger(t)) : [];
    const got = tabs.length ? await area().get(tabs.map(indexKey)) : {};
    return new Map(tabs.map((t) => [t, asIndex(got[indexKey(t)])]));
  })().catch((e) => {
    loaded = undefined;
    throw e;
  });
  return loaded;
}

const bytesOf = (tabId: number, r: CeremonyRecord): number => recordKey(tabId, r.id).length + JSON.stringify(r).length;
const tabBytes = (t: TabIndex): number => t.sizes.reduce((a, b) => a + b, 0);

/** A record too big to keep whole: its metadata stays, with a note of what it weighed. */
function trimmed(r: CeremonyRecord, bytes: number): CeremonyRecord {
  const { options: _o, response: _r, result: _x, ...rest } = r;
  return { ...rest, trimmed: { bytes } };
}

/** Drops the oldest records that break a budget (counting them per tab); returns the storage keys to remove. */
function enforceBudgets(indexes: Indexes, tabId: number, keep: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  /** Drops the tab's oldest record (never one being written now); its size, or undefined if none could go. */
  const dropOldest = (t: number, idx: TabIndex): number | undefined => {
    const i = idx.ids.findIndex((id) => t !== tabId || !keep.has(id));
    if (i < 0) return undefined;
    removed.push(recordKey(t, idx.ids[i]!));
    const [size] = idx.sizes.splice(i, 1);
    idx.ids.splice(i, 1);
    idx.dropped++;
    return size!;
  };
  const own = indexes.get(tabId)!;
  let ownBytes = tabBytes(own);
  while (own.ids.length > LOG_LIMIT || ownBytes > TAB_BUDGET_BYTES) {
    const size = dropOldest(tabId, own);
    if (size === undefined) break;
    ownBytes -= size;
  }
  const sizes = new Map([...indexes].map(([t, idx]) => [t, tabBytes(idx)]));
  let sum = [...sizes.values()].reduce((a, b) => a + b, 0);
  while (sum > TOTAL_BUDGET_BYTES) {
    const [t] = [...sizes].reduce((a, b) => (b[1] > a[1] ? b : a));
    const size = dropOldest(t, indexes.get(t)!);
    if (size === undefined) break;
    sizes.set(t, sizes.get(t)! - size);
    sum -= size;
  }
  return removed;
}

/**
 * Inserts or replaces records (the final version of a pending call has the same id), in one storage write, and
 * resolves once they are written: the bridge keeps them until then, so a worker that dies first loses none.
 */
export function upsertAll(tabId: number, records: readonly CeremonyRecord[]): Promise<CeremonyRecord[]> {
  return locked(async (indexes) => {
    const fresh = !indexes.has(tabId);
    if (fresh) indexes.set(tabId, { ids: [], sizes: [], dropped: 0 });
    const idx = indexes.get(tabId)!;
    const droppedBefore = new Map([...indexes].map(([t, i]) => [t, i.dropped]));
    const items: Record<string, unknown> = {};
    const stored: CeremonyRecord[] = [];
    for (const record of records) {
      let r = record;
      let bytes = bytesOf(tabId, r);
      if (bytes > RECORD_MAX_BYTES) {
        r = trimmed(r, bytes);
        bytes = bytesOf(tabId, r);
      }
      items[recordKey(tabId, r.id)] = r;
      stored.push(r);
      const i = idx.ids.indexOf(r.id);
      if (i < 0) {
        idx.ids.push(r.id);
        idx.sizes.push(bytes);
      } else idx.sizes[i] = bytes;
    }
    const removed = enforceBudgets(indexes, tabId, new Set(stored.map((r) => r.id)));
    for (const k of removed) delete items[k];
    const changedTabs = [...indexes].filter(([t, i]) => t === tabId || i.dropped !== droppedBefore.get(t));
    for (const [t, i] of changedTabs) items[indexKey(t)] = i;
    if (fresh) items[REGISTRY_KEY] = [...indexes.keys()];
    if (removed.length) await area().remove(removed);
    const evictedKeys: string[] = [];
    try {
      await area().set(items);
    } catch (e) {
      // Storage is full beyond our budgets (another writer, or a browser with a smaller quota): the biggest
      // tab drops its oldest half, and the write is tried once more.
      const [t, big] = [...indexes].sort((a, b) => tabBytes(b[1]) - tabBytes(a[1]))[0]!;
      const n = Math.max(1, Math.floor(big.ids.length / 2));
      const evicted = big.ids.splice(0, n).map((id) => recordKey(t, id));
      evictedKeys.push(...evicted);
      big.sizes.splice(0, n);
      big.dropped += n;
      await area().remove(evicted);
      for (const k of evicted) delete items[k];
      items[indexKey(t)] = big;
      console.warn('webauthn-devtools: storage.session is full; dropped the oldest ceremonies of tab', t, e);
      await area().set(items);
    }
    const goneByTab = new Map<number, string[]>();
    for (const key of [...removed, ...evictedKeys]) {
      const [, t, id] = /^rec:(\d+):(.*)$/s.exec(key) ?? [];
      if (t === undefined || id === undefined) continue;
      goneByTab.set(Number(t), [...(goneByTab.get(Number(t)) ?? []), id]);
    }
    for (const [t, ids] of goneByTab) for (const l of droppedListeners) l(t, indexes.get(t)?.dropped ?? 0, ids);
    const kept = new Set(idx.ids);
    return stored.filter((r) => kept.has(r.id));
  });
}

export const upsert = (tabId: number, record: CeremonyRecord): Promise<CeremonyRecord> =>
  upsertAll(tabId, [record]).then(([r]) => r!);

/** A tab's log, oldest first, and how many of its records were dropped to keep within the budgets. */
export function snapshotWithDrops(tabId: number): Promise<{ ceremonies: CeremonyRecord[]; dropped: number }> {
  return locked(async (indexes) => {
    const idx = indexes.get(tabId);
    if (!idx?.ids.length) return { ceremonies: [], dropped: idx?.dropped ?? 0 };
    const keys = idx.ids.map((id) => recordKey(tabId, id));
    const got = await area().get(keys);
    const ceremonies = keys.map((k) => got[k] as CeremonyRecord | undefined).filter((r): r is CeremonyRecord => !!r);
    return { ceremonies, dropped: idx.dropped };
  });
}

export const snapshot = (tabId: number): Promise<CeremonyRecord[]> =>
  snapshotWithDrops(tabId).then((s) => s.ceremonies);

async function removeAll(indexes: Indexes, tabId: number): Promise<void> {
  const idx = indexes.get(tabId);
  indexes.delete(tabId);
  await area().remove([indexKey(tabId), ...(idx?.ids ?? []).map((id) => recordKey(tabId, id))]);
  await area().set({ [REGISTRY_KEY]: [...indexes.keys()] });
}

export function clear(tabId: number): Promise<void> {
  return locked((indexes) => removeAll(indexes, tabId));
}

/**
 * Clears the log if `condition` holds, in order with the upserts around it: the lock is taken when this is
 * called, so a record that arrives after (a new page's first call) is never wiped by a clear still deciding.
 */
export function clearIf(tabId: number, condition: () => Promise<boolean>): Promise<boolean> {
  return locked(async (indexes) => {
    if (!(await condition())) return false;
    await removeAll(indexes, tabId);
    return true;
  });
}
