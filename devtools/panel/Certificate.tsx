// One certificate of an attestation chain.
import type { CertificateView } from '../../src/webauthn/certificates.js';
import type { Decoded as D } from '../../src/webauthn/result.js';
import { CopyButton } from './CopyButton.js';
import { Fields, type FieldRow } from './Fields.js';

function rows(c: CertificateView): FieldRow[] {
  return [
    ['subject', c.subject],
    ['issuer', c.issuer + (c.selfSigned ? ' (self-signed)' : '')],
    ['serial number', <code>{c.serialNumber}</code>],
    [
      'validity',
      <>
        {c.notBefore} – {c.notAfter}
        {c.validAt ? '' : <span class="not-verified"> (not valid now)</span>}
      </>,
    ],
    ['signature algorithm', c.signatureAlgorithm],
    ['public key', `${c.publicKey.algorithm}${c.publicKey.detail ? ` ${c.publicKey.detail}` : ''}`],
    ...(c.isCA !== undefined
      ? ([['CA', `${c.isCA}${c.pathLength !== undefined ? `, path length ${c.pathLength}` : ''}`]] as FieldRow[])
      : []),
    ...(c.keyUsage ? ([['key usage', c.keyUsage.join(', ')]] as FieldRow[]) : []),
    ...(c.aaguid ? ([['FIDO AAGUID extension', <code>{c.aaguid}</code>]] as FieldRow[]) : []),
    ['extensions', c.extensions.map((e) => `${e.name}${e.critical ? ' (critical)' : ''}`).join(', ') || '—'],
    ['SHA-256 fingerprint', <code>{c.sha256Fingerprint}</code>],
    ['PEM', <CopyButton text={() => c.pem} label="Copy PEM" />],
  ];
}

export function Certificate({
  cert,
  index,
  signedByNext,
}: {
  cert: D<CertificateView>;
  index: number;
  signedByNext?: boolean | undefined;
}) {
  return (
    <div class="cert" data-cert={index}>
      <h4>
        Certificate {index}
        {signedByNext === true && <span class="verified"> ✓ signed by certificate {index + 1}</span>}
        {signedByNext === false && <span class="not-verified"> ✗ not signed by certificate {index + 1}</span>}
      </h4>
      {cert.ok ? <Fields rows={rows(cert.value)} /> : <p class="decode-error">{cert.error.what}</p>}
    </div>
  );
}
