// The attestation statement: format, fields, certificate chain and signature verdict.
import type { AttestationView, Section as S } from '../../../src/webauthn/ceremonyView.js';
import { Certificate } from '../Certificate.js';
import { Checks } from '../Checks.js';
import { Decoded, sectionJson } from '../Decoded.js';
import { Fields, Json, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

function Verdict({ v }: { v: AttestationView }) {
  const sig = v.statement.signature;
  if (!sig) return <span class="muted">no signature in this format</span>;
  if (sig.verified === true)
    return (
      <span class="verified" data-verified="true">
        signature verified <span class="muted">({sig.detail})</span>
      </span>
    );
  if (sig.verified === false)
    return (
      <span class="not-verified" data-verified="false">
        signature does not verify <span class="muted">({sig.detail})</span>
      </span>
    );
  return (
    <span class="muted" data-verified="unknown">
      not checked: {sig.detail}
    </span>
  );
}

function rows(v: AttestationView): FieldRow[] {
  const s = v.statement;
  return [
    [
      'fmt',
      <>
        <code>{v.fmt}</code>
        {!s.known && <span class="muted"> (unknown format)</span>}
      </>,
    ],
    ['attestation type', s.attestationType],
    ...(s.alg !== undefined
      ? ([
          [
            'alg',
            <>
              <code>{s.alg}</code> {s.algName}
            </>,
          ],
        ] as FieldRow[])
      : []),
    ...s.fields.map((f): FieldRow => [
      `attStmt.${f.name}`,
      <>
        <Json value={f.value} />
        {f.note && <span class="muted"> — {f.note}</span>}
      </>,
    ]),
    ['signature', <Verdict v={v} />],
    ...(v.unknownMembers.length ? ([['unknown members', v.unknownMembers.join(', ')]] as FieldRow[]) : []),
  ];
}

export function AttestationSection({ attestation }: { attestation: S<AttestationView> }) {
  const badge = attestation.ok ? attestation.value.fmt : undefined;
  return (
    <Section title="Attestation" id="attestation" copy={() => sectionJson(attestation)} badge={badge}>
      <Decoded section={attestation}>
        {(v) => (
          <>
            <Fields rows={rows(v)} />
            {v.statement.certificates.map((c, i) => (
              <Certificate
                key={i}
                cert={c}
                index={i}
                signedByNext={v.statement.chain.find((l) => l.index === i)?.signedByNext}
              />
            ))}
            {v.statement.details && (
              <>
                <h4>Format details</h4>
                <pre class="raw">{JSON.stringify(v.statement.details, null, 2)}</pre>
              </>
            )}
            <Checks checks={v.statement.checks} />
          </>
        )}
      </Decoded>
    </Section>
  );
}
