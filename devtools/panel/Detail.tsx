// The selected ceremony, decoded, in sections.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { ErrorSection } from './sections/ErrorSection.js';
import { RawSection } from './sections/RawSection.js';
import { SummaryLine } from './SummaryLine.js';

export function Detail({ record }: { record: CeremonyRecord; log: readonly CeremonyRecord[] }) {
  return (
    <div class="detail" data-detail={record.id}>
      <SummaryLine record={record} />
      {record.error && <ErrorSection record={record} />}
      <RawSection record={record} />
    </div>
  );
}
