// A PublicKeyCredential static (isUserVerifyingPlatformAuthenticatorAvailable, getClientCapabilities, the
// signals…): what it was given and what it answered. A signal the mock took lists what it changed.
import type { DecodedCeremony } from '../../../src/webauthn/ceremonyView.js';
import type { JsonValue } from '../../../src/webauthn/cborItem.js';
import { Fields, Json, pretty } from '../Fields.js';
import { Section } from '../Section.js';

interface Change {
  change: string;
  credentialId: string;
  userName: string;
  before?: { name: string; displayName: string };
  after?: { name: string; displayName: string };
}

/** The changes a mock-answered signal recorded, or undefined for any other result. */
function signalChanges(result: JsonValue | undefined): Change[] | undefined {
  const changes = (result as { changes?: unknown } | null | undefined)?.changes;
  if (!Array.isArray(changes)) return undefined;
  return changes.filter(
    (c): c is Change =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as Change).change === 'string' &&
      typeof (c as Change).credentialId === 'string',
  );
}

const WHAT: Record<string, string> = {
  deleted: 'deleted',
  hidden: 'hidden from sign-in',
  shown: 'offered at sign-in again',
  renamed: 'renamed',
};

function ChangeList({ changes }: { changes: Change[] }) {
  if (!changes.length) return <span class="muted">nothing: no credential of the mock matched</span>;
  return (
    <ul class="signal-changes">
      {changes.map((c) => (
        <li data-change={c.change}>
          <b>{WHAT[c.change] ?? c.change}</b>: {c.userName}{' '}
          <code title={c.credentialId}>{c.credentialId.slice(0, 16)}…</code>
          {c.before && c.after && (
            <>
              {' '}
              ({c.before.name} / {c.before.displayName} → {c.after.name} / {c.after.displayName})
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function StaticCallSection({ call }: { call: NonNullable<DecodedCeremony['staticCall']> }) {
  const changes = signalChanges(call.result);
  return (
    <Section title="Call" id="staticCall" copy={() => pretty(call)}>
      <Fields
        rows={[
          ['argument', <Json value={call.argument} />],
          changes ? ['mock changed', <ChangeList changes={changes} />] : ['result', <Json value={call.result} />],
        ]}
      />
    </Section>
  );
}
