// How the call failed, and what commonly causes that failure for these options.
import type { ErrorView } from '../../../src/webauthn/ceremonyView.js';
import { Fields, pretty } from '../Fields.js';
import { Section } from '../Section.js';

export function ErrorSection({ error }: { error: ErrorView }) {
  return (
    <Section title="Error" id="error" copy={() => pretty(error)} badge={error.name}>
      <Fields
        rows={[
          ['name', <code>{error.name}</code>],
          ['message', error.message],
        ]}
      />
      {error.hints.length > 0 && (
        <>
          <h4>Common causes</h4>
          <ul class="hints">
            {error.hints.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
