// A binary value three ways: base64url (as it travels in JSON), hex, and UTF-8 where it is printable.
import type { BinaryView } from '../../src/webauthn/ceremonyView.js';

export function Binary({ value, name }: { value: BinaryView | undefined; name?: string }) {
  if (!value) return <span class="muted">absent</span>;
  return (
    <dl class="bytes" data-bytes={name}>
      <dt>base64url</dt>
      <dd>
        <code data-enc="base64url">{value.base64url}</code>
      </dd>
      <dt>hex</dt>
      <dd>
        <code data-enc="hex">{value.hex}</code> <span class="muted">({value.length} bytes)</span>
      </dd>
      {value.utf8 !== undefined && (
        <>
          <dt>UTF-8</dt>
          <dd>
            <code data-enc="utf8">{value.utf8}</code>
          </dd>
        </>
      )}
    </dl>
  );
}
