// The byte maps of a ceremony's binary structures: clientDataJSON, and the attestation object of a
// registration (its authData inside it) or the authenticator data of a sign-in. One is drawn at a time.
import { useMemo, useState } from 'preact/hooks';
import { fromBase64url } from '../../../src/webauthn/base64url.js';
import { byteMap, type ByteMap } from '../../../src/webauthn/byteMap.js';
import type { CeremonyRecord } from '../../../src/webauthn/record.js';
import { ByteMapView } from '../ByteMapView.js';
import { Section } from '../Section.js';

const PARTS = ['attestationObject', 'authenticatorData', 'clientDataJSON'] as const;

/** The structures of the record's response that have a byte map, with their bytes. */
export function byteParts(record: CeremonyRecord): { what: ByteMap['what']; bytes: Uint8Array }[] {
  const response = record.response?.response as Record<string, unknown> | undefined;
  if (!response) return [];
  return PARTS.flatMap((what) => {
    const v = response[what];
    const b = typeof v === 'string' ? fromBase64url(v) : undefined;
    return b?.ok && b.value.length ? [{ what, bytes: b.value }] : [];
  });
}

function Maps({ parts }: { parts: ReturnType<typeof byteParts> }) {
  const [chosen, setChosen] = useState(parts[0]!.what);
  const part = parts.find((p) => p.what === chosen) ?? parts[0]!;
  const map = useMemo(() => byteMap(part.what, part.bytes), [part]);
  return (
    <>
      <div class="bm-parts" role="group" aria-label="Structure">
        {parts.map((p) => (
          <button
            type="button"
            key={p.what}
            aria-pressed={p.what === part.what}
            onClick={() => setChosen(p.what)}
            data-part={p.what}
          >
            {p.what} <span class="muted">({p.bytes.length} bytes)</span>
          </button>
        ))}
      </div>
      <ByteMapView map={map} />
    </>
  );
}

export function BytesSection({ record }: { record: CeremonyRecord }) {
  const parts = useMemo(() => byteParts(record), [record]);
  if (!parts.length) return null;
  return (
    <Section title="Bytes" id="bytes" open={false}>
      <Maps parts={parts} />
    </Section>
  );
}
