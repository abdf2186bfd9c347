// RP security tests by hand: pick a tampering from the catalogue for the next ceremony of its kind, or for
// every one until it is set back to nothing. The panel marks the ceremony it went into, with each change.
import { TAMPERINGS } from '../src/authenticator/tamperings.js';
import type { MockSettings, MockUiRequest } from '../src/messages.js';

interface Props {
  tampering: MockSettings['tampering'];
  send(r: MockUiRequest): Promise<unknown>;
}

const KINDS = [
  ['create', 'Registration (create)'],
  ['get', 'Sign-in (get)'],
] as const;

export function SecurityTests({ tampering, send }: Props) {
  const entry = tampering
    ? TAMPERINGS.find((t) => t.id === tampering.id && t.ceremony === tampering.ceremony)
    : undefined;
  const set = (t: MockSettings['tampering']) => void send({ type: 'settings/update', patch: { tampering: t } });
  return (
    <section class="card security-tests" aria-labelledby="security-tests-title">
      <h2 id="security-tests-title">Security tests</h2>
      <label>
        Answer with{' '}
        <select
          aria-label="Tampering"
          value={tampering ? `${tampering.ceremony}:${tampering.id}` : ''}
          onChange={(e) => {
            const [ceremony, id] = e.currentTarget.value.split(':') as ['create' | 'get', string];
            set(id ? { id, ceremony, every: tampering?.every ?? false } : null);
          }}
        >
          <option value="">no tampering (honest answers)</option>
          {KINDS.map(([kind, label]) => (
            <optgroup label={label}>
              {TAMPERINGS.filter((t) => t.ceremony === kind).map((t) => (
                <option value={`${kind}:${t.id}`}>
                  {t.id}: {t.changes}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          aria-label="Tamper with every ceremony"
          checked={tampering?.every ?? false}
          disabled={!tampering}
          onChange={(e) => tampering && set({ ...tampering, every: e.currentTarget.checked })}
        />{' '}
        every ceremony of its kind, until set back
      </label>
      {tampering && entry && (
        <p class="armed" role="status">
          {tampering.every ? 'Every' : 'The next'} <code>{entry.ceremony}()</code> answers with <code>{entry.id}</code>;
          the RP must reject it ({entry.probes}).
        </p>
      )}
    </section>
  );
}
