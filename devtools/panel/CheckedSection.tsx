// A detail section whose value is a table of fields followed by its checks, with failed checks counted in the title.
import type { Section as S } from '../../src/webauthn/ceremonyView.js';
import type { Check } from '../../src/webauthn/check.js';
import { Checks } from './Checks.js';
import { Decoded, sectionJson } from './Decoded.js';
import { Fields, type FieldRow } from './Fields.js';
import { Section } from './Section.js';

interface Props<T extends { checks: Check[] }> {
  title: string;
  id: string;
  section: S<T>;
  rows(value: T): FieldRow[];
  /** What the copy button copies; the section as JSON by default. */
  copy?(value: T): string;
}

export function CheckedSection<T extends { checks: Check[] }>({ title, id, section, rows, copy }: Props<T>) {
  const failed = section.ok ? section.value.checks.filter((c) => c.status === 'fail').length : 0;
  const text = (): string => (section.ok && copy ? copy(section.value) : sectionJson(section));
  return (
    <Section title={title} id={id} copy={text} badge={failed ? `${failed} failed` : undefined}>
      <Decoded section={section}>
        {(v) => (
          <>
            <Fields rows={rows(v)} />
            <Checks checks={v.checks} />
          </>
        )}
      </Decoded>
    </Section>
  );
}
