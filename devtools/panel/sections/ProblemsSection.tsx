// What the relying party got wrong in this ceremony: severity, one line, and the spec section.
import { pretty } from '../Fields.js';
import type { PanelProblem } from '../problemsOfLog.js';
import { Section } from '../Section.js';

const SPEC = 'https://www.w3.org/TR/webauthn-3/';
const specHref = (s: string): string => (s.startsWith('http') ? s : `${SPEC}${s.startsWith('#') ? s : `#${s}`}`);

export function ProblemsSection({ problems }: { problems: readonly PanelProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <Section title="Problems" id="problems" copy={() => pretty(problems)} badge={`${problems.length}`}>
      <ul class="problems">
        {problems.map((p, i) => (
          <li key={i} class="problem" data-rule={p.rule} data-severity={p.severity}>
            <span class={`severity severity-${p.severity}`}>{p.severity}</span> {p.message}
            {p.spec && (
              <>
                {' '}
                <a class="spec" href={specHref(p.spec)} target="_blank" rel="noreferrer">
                  spec
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
