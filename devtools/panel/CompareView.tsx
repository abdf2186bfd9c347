// Two ceremonies side by side, the fields that differ marked: the comparison a developer makes between a
// sign-in that works and one that does not.
import { compareCeremonies, type ComparedField } from '../../src/webauthn/compareCeremonies.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { rowSummary } from './rowSummary.js';

const label = (r: CeremonyRecord) => {
  const s = rowSummary(r);
  return `${s.kindLabel} ${s.statusLabel} · ${s.userName || s.rpId || r.id}`;
};

export function CompareView({ a, b, onStop }: { a: CeremonyRecord; b: CeremonyRecord; onStop(): void }) {
  const rows = compareCeremonies(a, b);
  const differing = rows?.filter((r) => r.differs).length ?? 0;
  let group: ComparedField['group'] | undefined;
  return (
    <div class="detail compare" data-compare={`${a.id} ${b.id}`}>
      <p class="compare-head">
        <b>Comparing</b> {label(a)} <span class="muted">with</span> {label(b)}{' '}
        <span class="muted">
          ({rows ? `${differing} of ${rows.length} fields differ` : 'only create() and get() calls compare'})
        </span>{' '}
        <button type="button" onClick={onStop} data-action="stop-compare">
          Stop comparing
        </button>
      </p>
      {rows && (
        <table class="fields compare-table">
          <thead>
            <tr>
              <th>field</th>
              <th>{a.id}</th>
              <th>{b.id}</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((r) => {
              const head =
                r.group !== group ? (
                  <tr class="compare-group" key={`g-${r.group}`}>
                    <th colSpan={3}>{(group = r.group)}</th>
                  </tr>
                ) : null;
              const row = (
                <tr
                  key={r.field + r.group}
                  data-field={r.field}
                  data-differs={String(r.differs)}
                  class={r.differs ? 'differs' : ''}
                >
                  <th scope="row">{r.field}</th>
                  <td>
                    <code>{r.a}</code>
                  </td>
                  <td>
                    <code>{r.b}</code>
                  </td>
                </tr>
              );
              return head ? [head, row] : [row];
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
