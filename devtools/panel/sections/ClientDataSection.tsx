// CollectedClientData: each key in the order the bytes hold them, and the checks against the options and origin.
import type { ClientDataView, Section as S } from '../../../src/webauthn/ceremonyView.js';
import { Binary } from '../Binary.js';
import { Checks } from '../Checks.js';
import { Decoded, sectionJson } from '../Decoded.js';
import { Fields, Json, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

function rows(v: ClientDataView): FieldRow[] {
  const cd = v.value;
  return [
    ['type', <code>{cd.type}</code>],
    ['challenge', v.challenge ? <Binary value={v.challenge} name="clientData.challenge" /> : <code>{cd.challenge}</code>],
    ['origin', <code>{cd.origin}</code>],
    ['crossOrigin', <Json value={cd.crossOrigin} />],
    ['topOrigin', <Json value={cd.topOrigin} />],
    ...(cd.tokenBinding ? [['tokenBinding', <Json value={cd.tokenBinding} />] as FieldRow] : []),
    ...Object.entries(cd.other).map(([k, val]): FieldRow => [k, <Json value={val} />]),
    ['key order', <code>{cd.keyOrder.join(', ')}</code>],
  ];
}

export function ClientDataSection({ clientData }: { clientData: S<ClientDataView> }) {
  const failed = clientData.ok ? clientData.value.checks.filter((c) => c.status === 'fail').length : 0;
  return (
    <Section title="Client data (clientDataJSON)" id="clientData" copy={() => (clientData.ok ? clientData.value.value.json : sectionJson(clientData))} badge={failed ? `${failed} failed` : undefined}>
      <Decoded section={clientData}>
        {(v) => (
          <>
            <Fields rows={rows(v)} />
            <Checks checks={v.checks} />
          </>
        )}
      </Decoded>
    </Section>
  );
}
