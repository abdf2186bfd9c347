// The filter bar: text filter, kind and status toggles, clear, preserve log, auto-select, export and import.
import type { KindGroup, StatusGroup } from './rowSummary.js';
import { KIND_GROUPS, STATUS_GROUPS, toggle, type Filter } from './filter.js';

export interface ToolbarProps {
  live: boolean;
  connected: boolean;
  filter: Filter;
  onFilter(f: Filter): void;
  preserveLog: boolean;
  onPreserveLog(v: boolean): void;
  autoSelect: boolean;
  onAutoSelect(v: boolean): void;
  onClear(): void;
  onExport(which: 'all' | 'selection'): void;
  hasSelection: boolean;
  onImport(): void;
  onDecode(): void;
  /** In DevTools: opens this tab's log in a browser tab of its own. */
  onOpenInTab?: () => void;
  shown: number;
  total: number;
  /** Records the background dropped from this tab's log. */
  dropped: number;
}

function Toggles<T extends KindGroup | StatusGroup>(props: {
  label: string;
  all: readonly T[];
  on: ReadonlySet<T>;
  onChange(s: Set<T>): void;
}) {
  return (
    <span class="toggles" role="group" aria-label={props.label}>
      {props.all.map((v) => (
        <button
          key={v}
          type="button"
          class="toggle"
          aria-pressed={props.on.has(v)}
          data-toggle={v}
          onClick={() => props.onChange(toggle(props.on, v))}
        >
          {v}
        </button>
      ))}
    </span>
  );
}

export function Toolbar(p: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar">
      <button type="button" title="Clear the log" aria-label="Clear" class="icon" onClick={p.onClear}>
        ⊘
      </button>
      <input
        type="search"
        class="filter"
        placeholder="Filter"
        aria-label="Filter"
        value={p.filter.text}
        onInput={(e) => p.onFilter({ ...p.filter, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <Toggles
        label="Kind"
        all={KIND_GROUPS}
        on={p.filter.kinds}
        onChange={(kinds) => p.onFilter({ ...p.filter, kinds })}
      />
      <Toggles
        label="Status"
        all={STATUS_GROUPS}
        on={p.filter.statuses}
        onChange={(statuses) => p.onFilter({ ...p.filter, statuses })}
      />
      {p.live && (
        <label>
          <input
            type="checkbox"
            name="preserve-log"
            checked={p.preserveLog}
            onChange={(e) => p.onPreserveLog((e.currentTarget as HTMLInputElement).checked)}
          />
          Preserve log
        </label>
      )}
      <label>
        <input
          type="checkbox"
          name="auto-select"
          checked={p.autoSelect}
          onChange={(e) => p.onAutoSelect((e.currentTarget as HTMLInputElement).checked)}
        />
        Auto-select newest
      </label>
      <span class="spacer" />
      {p.onOpenInTab && (
        <button type="button" onClick={p.onOpenInTab} data-action="open-in-tab">
          Open in tab
        </button>
      )}
      <button type="button" onClick={p.onDecode} data-action="decode">
        Decode…
      </button>
      <button type="button" onClick={p.onImport} data-action="import">
        Import…
      </button>
      <button type="button" onClick={() => p.onExport('all')} disabled={p.total === 0} data-action="export">
        Export
      </button>
      <button
        type="button"
        onClick={() => p.onExport('selection')}
        disabled={!p.hasSelection}
        data-action="export-selection"
      >
        Export selected
      </button>
      <span class="count" aria-live="polite">
        {p.shown === p.total ? `${p.total}` : `${p.shown} / ${p.total}`} calls
        {p.dropped > 0 && (
          <span
            class="dropped"
            data-dropped={p.dropped}
            title="This tab's log reached its budget (3 MB or 1,000 calls): the oldest calls were dropped"
          >
            {' '}
            · {p.dropped} older dropped
          </span>
        )}
        {p.live && !p.connected && (
          <span class="offline" title="Reconnecting to the extension">
            {' '}
            · reconnecting…
          </span>
        )}
      </span>
    </div>
  );
}
