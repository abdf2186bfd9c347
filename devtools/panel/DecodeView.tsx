// The Decode view: one text box (and drop target) for whatever a developer has in hand. A credential or
// options JSON decodes as a ceremony, with the same sections and checks as a recorded one; a single
// structure is named and decoded on its own; what cannot be read says what was expected and where.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { byteMap, type ByteMap } from '../../src/webauthn/byteMap.js';
import { ByteMapView } from './ByteMapView.js';
import { cborDiagnostic } from '../../src/webauthn/cborDiagnostic.js';
import { toHex } from '../../src/webauthn/bytes.js';
import { decodeCertificate, type CertificateView } from '../../src/webauthn/certificates.js';
import { recognizePasted, typedOrigin, type Pasted } from '../../src/webauthn/pasted.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import type { Decoded } from '../../src/webauthn/result.js';
import { Certificate } from './Certificate.js';
import { Detail } from './Detail.js';
import { pretty } from './Fields.js';

/** Byte strings longer than this show their start only: the byte map and the CBOR view hold every byte. */
const SHOWN_BYTES = 64;
/** Diagnostic notation longer than this starts folded: laying out megabytes of text would stall the view. */
const OPEN_CBOR_CHARS = 20_000;

const hexOf = (x: Uint8Array): string =>
  x.length > SHOWN_BYTES ? `h'${toHex(x.subarray(0, SHOWN_BYTES))}…' (${x.length} bytes)` : `h'${toHex(x)}'`;

/** The decoder's value as JSON for reading: bytes as hex, maps as objects. */
const readable = (v: unknown): string =>
  pretty(v, (_k: string, x: unknown) =>
    x instanceof Uint8Array ? hexOf(x) : x instanceof Map ? Object.fromEntries(x) : x,
  );

const at = (d: { error: { what: string; offset?: number; path?: string } }) =>
  `${d.error.what}${d.error.path ? ` (in ${d.error.path})` : ''}${d.error.offset !== undefined ? ` at byte ${d.error.offset}` : ''}`;

function CertificatePart({ der }: { der: Uint8Array }) {
  const [cert, setCert] = useState<Decoded<CertificateView>>();
  useEffect(() => {
    let live = true;
    void decodeCertificate(der).then((c) => live && setCert(c));
    return () => {
      live = false;
    };
  }, [der]);
  return cert ? <Certificate cert={cert} index={0} /> : <p class="muted">Decoding…</p>;
}

const MAPPED: ReadonlySet<string> = new Set<ByteMap['what']>([
  'attestationObject',
  'authenticatorData',
  'clientDataJSON',
]);

function Structure({ p }: { p: Extract<Pasted, { kind: 'structure' }> }) {
  const cbor = p.what === 'attestationObject' || p.what === 'COSE key' ? cborDiagnostic(p.bytes) : undefined;
  const map = useMemo(
    () => (MAPPED.has(p.what) ? byteMap(p.what as ByteMap['what'], p.bytes) : undefined),
    [p.what, p.bytes],
  );
  return (
    <div class="decoded-structure" data-structure={p.what}>
      {!p.decoded.ok && (
        <p class="decode-error" role="alert">
          This {p.what} does not decode: {at(p.decoded)}
        </p>
      )}
      {p.decoded.ok &&
        (p.what === 'certificate' ? (
          <CertificatePart der={p.bytes} />
        ) : (
          <pre class="cbor" data-decoded={p.what}>
            {readable(p.decoded.value)}
          </pre>
        ))}
      {map && (
        <>
          <h4>Bytes</h4>
          <ByteMapView map={map} />
        </>
      )}
      {cbor && (
        <details open={!cbor.ok || cbor.value.text.length <= OPEN_CBOR_CHARS} class="cbor-details">
          <summary>
            <h4>CBOR (diagnostic notation)</h4>
          </summary>
          <pre class="cbor">{cbor.ok ? cbor.value.text : `cannot be read: ${at(cbor)}`}</pre>
        </details>
      )}
    </div>
  );
}

export function DecodeView({
  onClose,
  onCompare,
}: {
  onClose(): void;
  /** Compares a pasted ceremony with the next call selected in the log. */
  onCompare?: (pasted: CeremonyRecord) => void;
}) {
  const [text, setText] = useState('');
  const [originText, setOriginText] = useState('');
  const expected = originText.trim() ? typedOrigin(originText) : undefined;
  const origin = expected?.ok ? expected.value : undefined;
  const result = useMemo(
    () => (text.trim() ? recognizePasted(text, origin === undefined ? {} : { origin }) : undefined),
    [text, origin],
  );
  const onDrop = async (e: DragEvent): Promise<void> => {
    e.preventDefault();
    e.stopPropagation();
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const asText = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // A binary file (DER, CBOR) is read as its bytes; a text file as what it says.
    setText(/[\u0000-\u0008\ufffd]/.test(asText) ? toHex(bytes) : asText);
  };
  return (
    <div class="decode-view" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <div class="decode-input">
        <textarea
          aria-label="WebAuthn data to decode"
          placeholder="Paste (or drop a file): a PublicKeyCredential JSON, options JSON, or both; an attestationObject, authenticatorData, clientDataJSON, COSE key, signature or certificate, in base64url, base64, hex, a JSON byte array or PEM"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="decode-side">
          <label>
            RP origin{' '}
            <input
              aria-label="Expected origin"
              placeholder="https://example.com"
              value={originText}
              onInput={(e) => setOriginText(e.currentTarget.value)}
            />
          </label>
          {expected && !expected.ok && <p class="decode-error">{expected.error.what}</p>}
          <button type="button" onClick={onClose} data-action="close-decode">
            Back to the log
          </button>
        </div>
      </div>
      {result && !result.ok && (
        <p class="decode-error" role="alert">
          Cannot decode: {at(result)}
        </p>
      )}
      {result?.ok && (
        <p class="recognised" role="status">
          Recognised: {result.value.what}
          {result.value.kind === 'structure' && ` (${result.value.encoding}, ${result.value.bytes.length} bytes)`}
          {result.value.kind === 'ceremony' && result.value.record.response && (
            <span class="muted">
              {origin === undefined
                ? ". The response's own origin stands in for the RP's: give the RP origin to check it."
                : `. Checked against ${origin}.`}
            </span>
          )}
        </p>
      )}
      {result?.ok && result.value.kind === 'ceremony' && (
        <Detail
          record={result.value.record}
          log={[result.value.record]}
          onCompare={onCompare && (() => result.value.kind === 'ceremony' && onCompare(result.value.record))}
        />
      )}
      {result?.ok && result.value.kind === 'structure' && <Structure p={result.value} />}
    </div>
  );
}
