// CollectedClientData: each key in the order the bytes hold them, and the checks against the options and origin.
import type { ClientDataView, Section as S } from '../../../src/webauthn/ceremonyView.js';
import { Binary } from '../Binary.js';
import { CheckedSection } from '../CheckedSection.js';
import { Json, type FieldRow } from '../Fields.js';

function rows(v: ClientDataView): FieldRow[] {
  const cd = v.value;
  return [
    ['type', <code>{cd.type}</code>],
    [
      'challenge',
      v.challenge ? <Binary value={v.challenge} name="clientData.challenge" /> : <code>{cd.challenge}</code>,
    ],
    ['origin', <code>{cd.origin}</code>],
    ['crossOrigin', <Json value={cd.crossOrigin} />],
    ['topOrigin', <Json value={cd.topOrigin} />],
    ...(cd.tokenBinding ? [['tokenBinding', <Json value={cd.tokenBinding} />] as FieldRow] : []),
    ...Object.entries(cd.other).map(([k, val]): FieldRow => [k, <Json value={val} />]),
    ['key order', <code>{cd.keyOrder.join(', ')}</code>],
  ];
}

export function ClientDataSection({ clientData }: { clientData: S<ClientDataView> }) {
  // Copies the exact JSON text the authenticator signed over.
  return (
    <CheckedSection
      title="Client data (clientDataJSON)"
      id="clientData"
      section={clientData}
      rows={rows}
      copy={(v) => v.value.json}
    />
  );
}
