// The credential's other members: transports, publicKeyAlgorithm, authenticatorAttachment, client extension results.
import type { DecodedCeremony } from '../../../src/webauthn/ceremonyView.js';
import { Fields, Json, pretty, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

export function ResponseSection({
  extras,
  credentialId,
}: {
  extras: NonNullable<DecodedCeremony['responseExtras']>;
  credentialId?: string;
}) {
  return (
    <Section title="Response" id="response" copy={() => pretty({ id: credentialId, ...extras })}>
      <Fields
        rows={[
          ...(credentialId ? ([['id', <code>{credentialId}</code>]] as FieldRow[]) : []),
          ...Object.entries(extras).map(([k, v]): FieldRow => [k, <Json value={v} />]),
        ]}
      />
    </Section>
  );
}
