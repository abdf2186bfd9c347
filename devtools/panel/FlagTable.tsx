// The authenticator data flags byte as a table: each bit, set or clear, and what it means.
import type { AuthenticatorDataView } from '../../src/webauthn/ceremonyView.js';

export function FlagTable({ flags, byte }: { flags: AuthenticatorDataView['flags']; byte: number }) {
  return (
    <table class="flags" data-flags={byte}>
      <caption class="muted">flags = 0x{byte.toString(16).padStart(2, '0')}</caption>
      <tbody>
        {flags.map((f) => (
          <tr key={f.name} data-flag={f.name} data-set={f.set}>
            <th scope="row">{f.name}</th>
            <td class={f.set ? 'set' : 'clear'}>{f.set ? 'set' : 'clear'}</td>
            <td>{f.title}</td>
            <td class="muted">{f.meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
