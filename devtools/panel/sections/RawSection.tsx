// The record exactly as stored: the JSON the hook sent and the background kept.
import type { CeremonyRecord } from '../../../src/webauthn/record.js';
import { pretty } from '../Fields.js';
import { Section } from '../Section.js';

export function RawSection({ record }: { record: CeremonyRecord }) {
  const text = pretty(record);
  return (
    <Section title="Raw" id="raw" open={false} copy={() => text}>
      <pre class="raw">{text}</pre>
    </Section>
  );
}
