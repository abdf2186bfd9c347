// A PublicKeyCredential static (isUserVerifyingPlatformAuthenticatorAvailable, getClientCapabilities…):
// what it was given and what it answered.
import type { DecodedCeremony } from '../../../src/webauthn/ceremonyView.js';
import { Fields, Json, pretty } from '../Fields.js';
import { Section } from '../Section.js';

export function StaticCallSection({ call }: { call: NonNullable<DecodedCeremony['staticCall']> }) {
  return (
    <Section title="Call" id="staticCall" copy={() => pretty(call)}>
      <Fields
        rows={[
          ['argument', <Json value={call.argument} />],
          ['result', <Json value={call.result} />],
        ]}
      />
    </Section>
  );
}
