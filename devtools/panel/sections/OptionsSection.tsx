// The options the page passed, every member named as in the spec.
import type {
  CreationOptionsView,
  DescriptorView,
  OptionsView,
  RequestOptionsView,
  Section as S,
} from '../../../src/webauthn/ceremonyView.js';
import { Binary } from '../Binary.js';
import { Decoded, sectionJson } from '../Decoded.js';
import { Fields, Json, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

function Descriptors({ list }: { list: readonly DescriptorView[] }) {
  if (list.length === 0) return <span class="muted">empty</span>;
  return (
    <ol class="descriptors">
      {list.map((d, i) => (
        <li key={i} data-descriptor={d.id.base64url}>
          <code>{d.id.base64url}</code>{' '}
          <span class="muted">
            ({d.type}, {d.id.length} bytes)
          </span>{' '}
          transports:{' '}
          {d.transports?.length ? <code>{d.transports.join(', ')}</code> : <span class="muted">none given</span>}
        </li>
      ))}
    </ol>
  );
}

const common = (o: OptionsView): FieldRow[] => [
  ['timeout', o.timeout === undefined ? <span class="muted">absent (client default)</span> : `${o.timeout} ms`],
  ['hints', <Json value={o.hints} />],
  ['extensions', <Json value={o.extensions} />],
  ...Object.entries(o.other).map(([k, v]): FieldRow => [
    k,
    <>
      <Json value={v} /> <span class="muted">(not in the spec)</span>
    </>,
  ]),
];

function creationRows(o: CreationOptionsView): FieldRow[] {
  const sel = o.authenticatorSelection;
  return [
    ['rp.id', o.rp.id ?? <span class="muted">absent (defaults to the origin's host)</span>],
    ['rp.name', o.rp.name ?? <span class="muted">absent</span>],
    ['user.id', <Binary value={o.user.id} name="user.id" />],
    ['user.name', o.user.name ?? <span class="muted">absent</span>],
    ['user.displayName', o.user.displayName ?? <span class="muted">absent</span>],
    ['challenge', <Binary value={o.challenge} name="challenge" />],
    [
      'pubKeyCredParams',
      <ol class="algs">
        {o.pubKeyCredParams.map((p, i) => (
          <li key={i} data-alg={p.alg}>
            <code>{p.alg}</code> {p.name}
            {p.description && <span class="muted"> — {p.description}</span>}
            {!p.webCrypto && <span class="muted"> (not verifiable here)</span>}
          </li>
        ))}
      </ol>,
    ],
    ['excludeCredentials', <Descriptors list={o.excludeCredentials} />],
    [
      'authenticatorSelection.authenticatorAttachment',
      sel?.authenticatorAttachment ?? <span class="muted">absent</span>,
    ],
    ['authenticatorSelection.residentKey', sel?.residentKey.residentKey ?? <span class="muted">absent</span>],
    [
      'authenticatorSelection.requireResidentKey',
      sel?.residentKey.requireResidentKey === undefined ? (
        <span class="muted">absent</span>
      ) : (
        String(sel.residentKey.requireResidentKey)
      ),
    ],
    [
      'resident key (effective)',
      sel ? (
        <>
          <b>{sel.residentKey.effective}</b> <span class="muted">— {sel.residentKey.explanation}</span>
        </>
      ) : (
        <span class="muted">discouraged (no authenticatorSelection)</span>
      ),
    ],
    ['authenticatorSelection.userVerification', sel?.userVerification ?? <span class="muted">absent (preferred)</span>],
    ['attestation', o.attestation ?? <span class="muted">absent (none)</span>],
    ['attestationFormats', <Json value={o.attestationFormats} />],
    ...common(o),
  ];
}

function requestRows(o: RequestOptionsView): FieldRow[] {
  return [
    ['challenge', <Binary value={o.challenge} name="challenge" />],
    ['rpId', o.rpId ?? <span class="muted">absent (defaults to the origin's host)</span>],
    ['allowCredentials', <Descriptors list={o.allowCredentials} />],
    ['userVerification', o.userVerification ?? <span class="muted">absent (preferred)</span>],
    ...common(o),
  ];
}

export function OptionsSection({ options }: { options: S<OptionsView> }) {
  const title =
    options.ok && options.value.type === 'get'
      ? 'Options (PublicKeyCredentialRequestOptions)'
      : 'Options (PublicKeyCredentialCreationOptions)';
  return (
    <Section title={title} id="options" copy={() => sectionJson(options)}>
      <Decoded section={options}>
        {(o) => <Fields rows={o.type === 'create' ? creationRows(o) : requestRows(o)} />}
      </Decoded>
    </Section>
  );
}
