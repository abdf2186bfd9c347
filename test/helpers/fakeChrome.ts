// A small in-memory stand-in for the extension APIs the glue uses (chrome.storage areas and their onChanged
// event, chrome.runtime's id and URL), installed as globalThis.chrome for unit tests in Node.
type Items = Record<string, unknown>;
type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

export interface FakeArea {
  get(keys?: string | string[] | null): Promise<Items>;
  set(items: Items): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** What the area holds now (a copy). */
  dump(): Items;
  /** JSON bytes the area holds. */
  bytes(): number;
  /** set() fails, as Chromium's quota does, once the area would hold more than this. */
  quotaBytes: number;
  /** Calls of set() so far. */
  writes: number;
}

const listeners = new Set<ChangeListener>();

function fakeArea(name: string): FakeArea {
  let items: Items = {};
  const size = (i: Items) => JSON.stringify(i).length;
  const area: FakeArea = {
    quotaBytes: Infinity,
    writes: 0,
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(items);
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in items).map((k) => [k, structuredClone(items[k])]));
    },
    async set(next) {
      area.writes++;
      const merged = { ...items, ...structuredClone(next) };
      if (size(merged) > area.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
      const changes = Object.fromEntries(Object.keys(next).map((k) => [k, { oldValue: items[k], newValue: next[k] }]));
      items = merged;
      for (const l of listeners) l(changes, name);
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete items[k];
    },
    dump: () => structuredClone(items),
    bytes: () => size(items),
  };
  return area;
}

export interface FakeChrome {
  storage: { session: FakeArea; local: FakeArea };
}

/** Installs a fresh fake as globalThis.chrome and returns it. */
export function installFakeChrome(): FakeChrome {
  listeners.clear();
  const fake = {
    storage: {
      session: fakeArea('session'),
      local: fakeArea('local'),
      onChanged: {
        addListener: (l: ChangeListener) => listeners.add(l),
        removeListener: (l: ChangeListener) => listeners.delete(l),
      },
    },
    runtime: { id: 'fake-extension-id', getURL: (p: string) => `chrome-extension://fake-extension-id/${p}` },
  };
  (globalThis as unknown as { chrome: unknown }).chrome = fake;
  return fake as unknown as FakeChrome;
}
