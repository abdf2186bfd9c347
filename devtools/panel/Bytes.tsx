// A binary value three ways: base64url (as it travels in JSON), hex, and UTF-8 where it is printable.
import { fromBase64url, toBase64url } from '../../src/webauthn/base64url.js';
import { printableUtf8, toHex } from '../../src/webauthn/bytes.js';

export function Bytes({ value, name }: { value: string | Uint8Array | undefined; name?: string }) {
  if (value === undefined) return <span class="muted">absent</span>;
  const decoded = typeof value === 'string' ? fromBase64url(value) : { ok: true as const, value };
  if (!decoded.ok) {
    return (
      <span class="bytes">
        <code>{String(value)}</code> <span class="decode-error">{decoded.error.what}</span>
      </span>
    );
  }
  const b = decoded.value;
  const utf8 = printableUtf8(b);
  return (
    <dl class="bytes" data-bytes={name}>
      <dt>base64url</dt>
      <dd><code data-enc="base64url">{typeof value === 'string' ? value : toBase64url(b)}</code></dd>
      <dt>hex</dt>
      <dd><code data-enc="hex">{toHex(b)}</code> <span class="muted">({b.length} bytes)</span></dd>
      {utf8 !== undefined && (
        <>
          <dt>UTF-8</dt>
          <dd><code data-enc="utf8">{utf8}</code></dd>
        </>
      )}
    </dl>
  );
}
