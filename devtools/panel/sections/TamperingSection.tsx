// An RP security test by hand: the tampering the mock answered this ceremony with (picked in the popup), what
// it probes, and each change as field, before and after. The RP should have refused the response.
import { TAMPERINGS } from '../../../src/authenticator/tamperings.js';
import type { AppliedTampering, TamperingVerdict } from '../../../src/webauthn/record.js';
import { Fields, pretty, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

const shown = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** The RP's verdict in words: refusing is what it must do. */
function Verdict({ v }: { v: TamperingVerdict | undefined }) {
  if (!v) return <span class="muted">not seen yet (no request from this tab has carried the response)</span>;
  const request = `${v.method ?? ''} ${v.url}`.trim();
  const how = v.status !== undefined ? `HTTP ${v.status}` : (v.error ?? 'no answer');
  if (v.accepted === false)
    return (
      <span class="verdict verdict-refused">
        refused, as it must ({how}, {request})
      </span>
    );
  if (v.accepted === true)
    return (
      <span class="verdict verdict-accepted">
        ACCEPTED: the RP took a response it must refuse ({how}, {request})
      </span>
    );
  return (
    <span class="verdict">
      cannot tell ({how}, {request})
    </span>
  );
}

export function TamperingSection({ tampering, kind }: { tampering: AppliedTampering; kind: string }) {
  const entry = TAMPERINGS.find((t) => t.id === tampering.id && t.ceremony === kind);
  return (
    <Section title="Tampering" id="tampering" copy={() => pretty(tampering)} badge={tampering.id}>
      <Fields
        rows={[
          ['id', <code>{tampering.id}</code>],
          ['the RP', <Verdict v={tampering.verdict} />],
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
