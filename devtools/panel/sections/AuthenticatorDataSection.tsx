// Authenticator data: rpIdHash with its check, the flags, signCount, attested credential data and extensions.
import type { AuthenticatorDataView, Section as S } from '../../../src/webauthn/ceremonyView.js';
import { Binary } from '../Binary.js';
import { CheckedSection } from '../CheckedSection.js';
import { Json, type FieldRow } from '../Fields.js';
import { FlagTable } from '../FlagTable.js';
import { PublicKey } from '../PublicKey.js';

function rpIdHashRow(v: AuthenticatorDataView): FieldRow {
  const verdict =
    v.rpIdHashMatches === undefined ? null : v.rpIdHashMatches ? (
      <span class="verified"> ✓ SHA-256("{v.expectedRpId}")</span>
    ) : (
      <span class="not-verified"> ✗ not SHA-256("{v.expectedRpId}")</span>
    );
  return [
    'rpIdHash',
    <>
      <code>{v.rpIdHash}</code>
      {verdict}
    </>,
  ];
}

function Aaguid({ a }: { a: NonNullable<AuthenticatorDataView['attestedCredentialData']> }) {
  return (
    <span data-aaguid={a.aaguid}>
      {a.authenticatorIcon && <img class="aaguid-icon" src={a.authenticatorIcon} alt="" />}
      <code>{a.aaguid}</code>{' '}
      {a.authenticatorName ? <b>{a.authenticatorName}</b> : <span class="muted">unknown authenticator</span>}
    </span>
  );
}

function rows(v: AuthenticatorDataView): FieldRow[] {
  const a = v.attestedCredentialData;
  return [
    rpIdHashRow(v),
    ['flags', <FlagTable flags={v.flags} byte={v.flagsByte} />],
    ['signCount', <code>{v.signCount}</code>],
    ...(a
      ? ([
          ['aaguid', <Aaguid a={a} />],
          ['credentialId', <Binary value={a.credentialId} name="credentialId" />],
          ['credentialPublicKey', <PublicKey publicKey={a.publicKey} />],
        ] as FieldRow[])
      : []),
    ['extensions', <Json value={v.extensions} />],
    ['length', `${v.length} bytes`],
  ];
}

export function AuthenticatorDataSection({ authenticatorData }: { authenticatorData: S<AuthenticatorDataView> }) {
  return <CheckedSection title="Authenticator data" id="authenticatorData" section={authenticatorData} rows={rows} />;
}
