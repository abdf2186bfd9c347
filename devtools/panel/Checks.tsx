// Verdicts (Check[] from the core) as rows with a status mark, a line of text and the spec section.
import type { Check } from '../../src/webauthn/check.js';

const MARK: Record<Check['status'], string> = { pass: '✓', fail: '✗', warn: '!', info: 'i', skip: '–' };
const SPEC = 'https://www.w3.org/TR/webauthn-3/';

export function Checks({ checks }: { checks: readonly Check[] }) {
  if (checks.length === 0) return null;
  return (
    <ul class="checks">
      {checks.map((c) => (
        <li key={c.id} class={`check check-${c.status}`} data-check={c.id} data-status={c.status}>
          <span class="mark" aria-label={c.status}>
            {MARK[c.status]}
          </span>{' '}
          {c.label}
          {c.detail && <span class="detail"> — {c.detail}</span>}
          {c.spec && (
            <a class="spec" href={`${SPEC}${c.spec}`} target="_blank" rel="noreferrer">
              §
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
