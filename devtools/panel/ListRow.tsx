// One row of the ceremony list, absolutely placed by the virtualized list.
import { memo } from 'preact/compat';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { formatDuration, rowSummary } from './rowSummary.js';

export const ROW_HEIGHT = 22;

interface Props {
  record: CeremonyRecord;
  top: number;
  selected: boolean;
  onSelect(id: string): void;
}

function Row({ record, top, selected, onSelect }: Props) {
  const s = rowSummary(record);
  return (
    <div
      class={`row status-${s.status}${selected ? ' selected' : ''}`}
      role="row"
      aria-selected={selected}
      data-id={record.id}
      style={{ top: `${top}px` }}
      onMouseDown={() => onSelect(record.id)}
    >
      <span class={`kind kind-${s.kind}`}>{s.kindLabel}</span>
      <span class="status">
        {s.statusLabel}
        {record.tampering && (
          <b class="tampered" title={`answered with the tampering ${record.tampering.id}`}>
            tampered
          </b>
        )}
      </span>
      <span>{s.rpId}</span>
      <span>{s.userName}</span>
      <span title={record.url}>
        {s.crossOrigin && (
          <b class="xo" title="cross-origin frame">
            frame
          </b>
        )}
        {s.origin}
      </span>
      <span class={`mode mode-${s.mode}`}>{s.mode}</span>
      <span class="num">{formatDuration(s.duration)}</span>
    </div>
  );
}

export const ListRow = memo(Row);
