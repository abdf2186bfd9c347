// The ceremony list, like the Network panel's request table. Virtualized: only the rows in view (plus a few)
// are in the DOM, so 10,000 ceremonies scroll and filter as fast as ten.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { ListRow, ROW_HEIGHT } from './ListRow.js';

const OVERSCAN = 8;
const COLUMNS = ['Kind', 'Status', 'RP ID', 'User', 'Origin', 'Mode', 'Time'];

/** Index of the next selection for a navigation key, or undefined for other keys. */
const NAV_KEYS: Record<string, (i: number, n: number, page: number) => number> = {
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
  PageDown: (i, n, page) => Math.min(n - 1, i + page),
  PageUp: (i, _n, page) => Math.max(0, i - page),
};

export interface ListProps {
  ceremonies: readonly CeremonyRecord[];
  /** Indexes of visible rows into `ceremonies`, in order. */
  rows: readonly number[];
  selectedId: string | undefined;
  onSelect(id: string): void;
  /** What an empty log says (how to fill it differs between a live tab and a recording). */
  emptyText: string;
}

export function List({ ceremonies, rows, selectedId, onSelect, emptyText }: ListProps) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const selectedRow = selectedId === undefined ? -1 : rows.findIndex((i) => ceremonies[i].id === selectedId);

  // Keep the selected row in view when it changes (keyboard, auto-select newest).
  useEffect(() => {
    const el = body.current;
    if (!el || selectedRow < 0) return;
    const top = selectedRow * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedRow, selectedId]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent): void => {
    const move = NAV_KEYS[e.key];
    if (!move || rows.length === 0) return;
    e.preventDefault();
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const next = move(selectedRow < 0 ? (e.key === 'ArrowUp' ? rows.length : -1) : selectedRow, rows.length, page);
    onSelect(ceremonies[rows[next]].id);
  };

  const visible = [];
  for (let r = first; r < last; r++) {
    const c = ceremonies[rows[r]];
    // Keyed by position: a filter or scroll reuses the row elements and only changes their text.
    visible.push(
      <ListRow key={r} record={c} top={r * ROW_HEIGHT} selected={c.id === selectedId} onSelect={onSelect} />,
    );
  }

  return (
    <div class="list" role="grid" aria-rowcount={rows.length} data-rows={rows.length}>
      <div class="list-head row" role="row">
        {COLUMNS.map((c) => (
          <span role="columnheader" key={c}>
            {c}
          </span>
        ))}
      </div>
      <div
        class="list-body"
        ref={body}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div class="list-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {visible}
        </div>
        {rows.length === 0 && <p class="empty">{ceremonies.length === 0 ? emptyText : 'No calls match the filter.'}</p>}
      </div>
    </div>
  );
}
