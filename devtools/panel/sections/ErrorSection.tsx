// How the call failed, and what commonly causes that failure for these options.
import type { CeremonyRecord } from '../../../src/webauthn/record.js';
import { Fields, pretty } from '../Fields.js';
import { Section } from '../Section.js';

export function ErrorSection({ record, hints = [] }: { record: CeremonyRecord; hints?: readonly string[] }) {
  const error = record.error;
  if (!error) return null;
  return (
    <Section title="Error" id="error" copy={() => pretty({ error, hints })} badge={error.name}>
      <Fields rows={[['name', <code>{error.name}</code>], ['message', error.message]]} />
      {hints.length > 0 && (
        <>
          <h4>Common causes</h4>
          <ul class="hints">
            {hints.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
