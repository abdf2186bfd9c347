// The CBOR of a response in diagnostic notation (RFC 8949 §8): the attestation object of a registration and
// the authenticator's extension outputs, exactly as encoded (integer widths, tags, indefinite lengths).
import { cborDiagnostic } from '../../../src/webauthn/cborDiagnostic.js';
import { fromBase64url } from '../../../src/webauthn/base64url.js';
import { parseCeremony } from '../../../src/webauthn/parsedCeremony.js';
import type { CeremonyRecord } from '../../../src/webauthn/record.js';
import { Section } from '../Section.js';

interface Part {
  name: string;
  text: string;
}

function parts(record: CeremonyRecord): Part[] {
  const out: Part[] = [];
  const shown = (name: string, bytes: Uint8Array | undefined) => {
    if (!bytes) return;
    const d = cborDiagnostic(bytes);
    out.push({ name, text: d.ok ? d.value.text : `cannot be read: ${d.error.what} (byte ${d.error.offset ?? 0})` });
  };
  const ao = (record.response?.response as { attestationObject?: unknown } | undefined)?.attestationObject;
  if (typeof ao === 'string') {
    const b = fromBase64url(ao);
    if (b.ok) shown('attestationObject', b.value);
  }
  const ext = parseCeremony(record)?.authData?.extensions;
  if (ext) shown('authenticatorData extensions', ext.bytes);
  return out;
}

export function CborSection({ record }: { record: CeremonyRecord }) {
  const list = parts(record);
  if (!list.length) return null;
  return (
    <Section
      title="CBOR (diagnostic notation)"
      id="cbor"
      open={false}
      copy={() => list.map((p) => `${p.name}:\n${p.text}`).join('\n\n')}
    >
      {list.map((p) => (
        <div key={p.name} data-cbor={p.name}>
          <h4>{p.name}</h4>
          <pre class="cbor">{p.text}</pre>
        </div>
      ))}
    </Section>
  );
}
