// The selected ceremony, decoded, in sections.
import type { DecodedCeremony } from '../../src/webauthn/ceremonyView.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { testFixtureOf } from '../../src/webauthn/testFixture.js';
import { Checks } from './Checks.js';
import { CopyButton } from './CopyButton.js';
import { pretty } from './Fields.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { AssertionSection } from './sections/AssertionSection.js';
import { AttestationSection } from './sections/AttestationSection.js';
import { BytesSection } from './sections/BytesSection.js';
import { CborSection } from './sections/CborSection.js';
import { AuthenticatorDataSection } from './sections/AuthenticatorDataSection.js';
import { ClientDataSection } from './sections/ClientDataSection.js';
import { ErrorSection } from './sections/ErrorSection.js';
import { OptionsSection } from './sections/OptionsSection.js';
import { ProblemsSection } from './sections/ProblemsSection.js';
import { RawSection } from './sections/RawSection.js';
import { ResponseSection } from './sections/ResponseSection.js';
import { StaticCallSection } from './sections/StaticCallSection.js';
import { TamperingSection } from './sections/TamperingSection.js';
import { SummaryLine } from './SummaryLine.js';
import { useDecoded } from './useDecoded.js';
import { useProblems } from './useProblems.js';

function Sections({ d }: { d: DecodedCeremony }) {
  return (
    <>
      {d.decodeErrors.length > 0 && (
        <Checks
          checks={d.decodeErrors.map((e) => ({
            id: `decode.${e.section}`,
            label: `${e.section} could not be decoded`,
            status: 'fail',
            detail: e.error.what,
          }))}
        />
      )}
      {d.error && <ErrorSection error={d.error} />}
      {d.staticCall && <StaticCallSection call={d.staticCall} />}
      {d.options && <OptionsSection options={d.options} />}
      {d.clientData && <ClientDataSection clientData={d.clientData} />}
      {d.authenticatorData && <AuthenticatorDataSection authenticatorData={d.authenticatorData} />}
      {d.attestation && <AttestationSection attestation={d.attestation} />}
      {d.assertion && <AssertionSection assertion={d.assertion} />}
      {d.responseExtras && <ResponseSection extras={d.responseExtras} credentialId={d.summary.credentialId} />}
    </>
  );
}

export function Detail({
  record,
  log,
  onCompare,
}: {
  record: CeremonyRecord;
  log: readonly CeremonyRecord[];
  /** Starts comparing this ceremony with the next one selected (the log's panel; not the Decode view). */
  onCompare?: () => void;
}) {
  const state = useDecoded(record, log);
  const problems = useProblems(log, record.id);
  return (
    <div class="detail" data-detail={record.id} data-decoded={'decoded' in state}>
      <SummaryLine record={record} />
      {(record.kind === 'create' || record.kind === 'get') && record.response && (
        <p class="detail-actions">
          <CopyButton
            label="Copy as test fixture"
            text={() => {
              const f = testFixtureOf(record, log);
              return f.ok ? pretty(f.value) : f.error.what;
            }}
          />{' '}
          <span class="muted">
            as @simplewebauthn/server's verify{record.kind === 'create' ? 'Registration' : 'Authentication'}Response
            takes it
          </span>
          {onCompare && (
            <>
              {' '}
              <button type="button" onClick={onCompare} data-action="compare">
                Compare with…
              </button>
            </>
          )}
        </p>
      )}
      {record.trimmed && (
        <p class="trimmed" role="note">
          This call weighed {(record.trimmed.bytes / 1024 / 1024).toFixed(1)} MB as JSON, more than the log keeps for
          one call: its options and response were not stored.
        </p>
      )}
      {record.tampering && (
        <ErrorBoundary what="the tampering">
          <TamperingSection tampering={record.tampering} kind={record.kind} />
        </ErrorBoundary>
      )}
      <ErrorBoundary what="the problems">
        <ProblemsSection problems={problems} />
      </ErrorBoundary>
      <ErrorBoundary what="this ceremony">
        {'decoded' in state && <Sections d={state.decoded} />}
        {'failure' in state && (
          <p class="decode-error" role="alert">
            Decoding failed: {state.failure}
          </p>
        )}
        {'pending' in state && <p class="muted">Decoding…</p>}
      </ErrorBoundary>
      <ErrorBoundary what="the bytes">
        <BytesSection record={record} />
      </ErrorBoundary>
      <ErrorBoundary what="the CBOR">
        <CborSection record={record} />
      </ErrorBoundary>
      <RawSection record={record} />
    </div>
  );
}
