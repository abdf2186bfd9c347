// The detail's heading: what was called, by whom, how it ended.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { formatDuration, rowSummary } from './rowSummary.js';

export function SummaryLine({ record }: { record: CeremonyRecord }) {
  const s = rowSummary(record);
  return (
    <h2 class="summary">
      <span class={`kind kind-${s.kind}`}>{s.kindLabel}</span>{' '}
      <span class={`status status-${s.status}`}>{s.statusLabel}</span>{' '}
      <span class="muted">
        {s.rpId && `${s.rpId} · `}
        {record.url || record.origin}
        {record.crossOrigin && ` (cross-origin frame of ${record.topOrigin ?? 'another site'})`} · {s.mode} ·{' '}
        {formatDuration(s.duration)}
        {record.mediation && ` · mediation ${record.mediation}`}
      </span>
    </h2>
  );
}
