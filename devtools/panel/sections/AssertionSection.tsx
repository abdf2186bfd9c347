// The assertion: signature (DER and raw r/s), whether it verifies and with which key, userHandle, signCount.
import type { AssertionView, Section as S } from '../../../src/webauthn/ceremonyView.js';
import { Binary } from '../Binary.js';
import { Decoded, sectionJson } from '../Decoded.js';
import { Fields, type FieldRow } from '../Fields.js';
import { Section } from '../Section.js';

function Verdict({ a }: { a: AssertionView }) {
  const from = a.keySource ? ` with the key from the ${a.keySource}${a.keyAlg ? ` (${a.keyAlg})` : ''}` : '';
  if (a.verified === true)
    return (
      <span class="verified" data-verified="true">
        signature verified{from}
      </span>
    );
  if (a.verified === false)
    return (
      <span class="not-verified" data-verified="false">
        signature does NOT verify{from} — {a.detail}
      </span>
    );
  return (
    <span class="muted" data-verified="unknown">
      not checked: {a.detail}
    </span>
  );
}

function signCountRow(a: AssertionView): FieldRow {
  const prev = a.previousSignCount;
  let note = <span class="muted"> (first use seen in this log)</span>;
  if (prev !== undefined) {
    const wentBack = a.signCount !== 0 && a.signCount <= prev;
    note = wentBack ? (
      <span class="not-verified"> ✗ not above the last seen {prev}</span>
    ) : (
      <span class="muted"> (last seen {prev})</span>
    );
  }
  return [
    'signCount',
    <>
      <code>{a.signCount}</code>
      {note}
    </>,
  ];
}

function rows(a: AssertionView): FieldRow[] {
  const sig = a.signature;
  return [
    ['verification', <Verdict a={a} />],
    [
      'signature (DER)',
      <>
        <code>{sig.der}</code> <span class="muted">({sig.length} bytes)</span>
      </>,
    ],
    ...(sig.r !== undefined
      ? ([
          ['r', <code>{sig.r}</code>],
          ['s', <code>{sig.s}</code>],
        ] as FieldRow[])
      : []),
    ...(sig.parseError
      ? ([['signature format', <span class="decode-error">{sig.parseError}</span>]] as FieldRow[])
      : []),
    [
      'userHandle',
      a.userHandle ? <Binary value={a.userHandle} name="userHandle" /> : <span class="muted">absent</span>,
    ],
    signCountRow(a),
  ];
}

export function AssertionSection({ assertion }: { assertion: S<AssertionView> }) {
  const badge = assertion.ok
    ? assertion.value.verified === true
      ? 'verified'
      : assertion.value.verified === false
        ? 'not verified'
        : undefined
    : undefined;
  return (
    <Section title="Assertion" id="assertion" copy={() => sectionJson(assertion)} badge={badge}>
      <Decoded section={assertion}>{(a) => <Fields rows={rows(a)} />}</Decoded>
    </Section>
  );
}
