// An RP security test by hand: the tampering the mock answered this ceremony with (picked in the popup), what
// it probes, and each change as field, before and after. The RP should have refused the response.
import { TAMPERINGS } from '../../../src/authenticator/tamperings.js';
import type { AppliedTampering } from '../../../src/webauthn/record.js';
import { Fields, pretty, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

const shown = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

export function TamperingSection({ tampering, kind }: { tampering: AppliedTampering; kind: string }) {
  const entry = TAMPERINGS.find((t) => t.id === tampering.id && t.ceremony === kind);
  return (
    <Section title="Tampering" id="tampering" copy={() => pretty(tampering)} badge={tampering.id}>
      <Fields
        rows={[
          ['id', <code>{tampering.id}</code>],
          ...(entry
            ? ([
                ['changes', entry.changes],
                ['the RP must reject it: it probes', entry.probes],
                ['severity', entry.severity],
                [
                  'spec',
                  <a href={entry.spec} target="_blank" rel="noreferrer">
                    {entry.spec}
                  </a>,
                ],
              ] as FieldRow[])
            : []),
        ]}
      />
      <table class="tamper-changes">
        <thead>
          <tr>
            <th>field</th>
            <th>before</th>
            <th>after</th>
          </tr>
        </thead>
        <tbody>
          {tampering.changes.map((c) => (
            <tr key={c.field}>
              <td>
                <code>{c.field}</code>
              </td>
              <td>
                <code>{shown(c.before)}</code>
              </td>
              <td>
                <code>{shown(c.after)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
