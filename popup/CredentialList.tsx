// The credentials the mock holds, grouped by RP ID: user, algorithm, dates, sign count; delete one or all,
// export with private keys (explicit, warned), import.
import type { CredentialSummary } from '../src/messages.js';
import { algorithmName } from '../src/webauthn/algorithms.js';
import type { Send } from './useMock.js';

function download(name: string, data: unknown): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  a.download = name;
  a.click();
}

export function CredentialList(p: { credentials: CredentialSummary[]; send: Send }) {
  const { credentials, send } = p;
  const byRp = new Map<string, CredentialSummary[]>();
  for (const c of credentials) byRp.set(c.rpId, [...(byRp.get(c.rpId) ?? []), c]);
  return (
    <section class="card" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credentials ({credentials.length})</h2>
      {[...byRp].map(([rpId, creds]) => (
        <section aria-label={`Credentials for ${rpId}`}>
          <h3>{rpId}</h3>
          <table>
            <thead>
              <tr>
                <th>User</th>
                <th>Algorithm</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Sign count</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {creds.map((c) => (
                <tr>
                  <td title={c.userHandle}>
                    {c.userName}
                    {c.discoverable ? '' : ' (non-discoverable)'}
                    {c.hidden && (
                      <>
                        {' '}
                        <span class="hidden-badge" title="The RP's signal hid it: it is not offered at sign-in">
                          hidden by the RP
                        </span>{' '}
                        <button
                          aria-label={`Show credential of ${c.userName} for ${rpId} again`}
                          onClick={() => void send({ type: 'credential/show', id: c.id })}
                        >
                          Show again
                        </button>
                      </>
                    )}
                  </td>
                  <td>{algorithmName(c.alg)}</td>
                  <td>{new Date(c.createdAt).toLocaleString()}</td>
                  <td>{c.lastUsedAt ? new Date(c.lastUsedAt).toLocaleString() : '—'}</td>
                  <td>{c.signCount}</td>
                  <td>
                    <button
                      aria-label={`Delete credential of ${c.userName} for ${rpId}`}
                      onClick={() => void send({ type: 'credential/delete', id: c.id })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p>
        <button
          aria-label="Delete all credentials"
          disabled={!credentials.length}
          onClick={() => {
            if (confirm('Delete every credential the mock holds?')) void send({ type: 'credentials/delete-all' });
          }}
        >
          Delete all
        </button>{' '}
        <button
          aria-label="Export credentials with private keys"
          disabled={!credentials.length}
          onClick={async () => {
            if (
              !confirm(
                'The export file holds PRIVATE KEYS: anyone with it can sign in as these users on these sites. Export?',
              )
            )
              return;
            const r = await send({ type: 'credentials/export', keyFormat: 'jwk', confirmed: true });
            if (r.ok)
              download(`webauthn-devtools-credentials-${new Date().toISOString().slice(0, 10)}.json`, r.value.data);
          }}
        >
          Export…
        </button>{' '}
        <label>
          Import{' '}
          <input
            type="file"
            aria-label="Import credentials"
            accept="application/json"
            onChange={async (e) => {
              const f = e.currentTarget.files?.[0];
              if (!f) return;
              let data: unknown;
              try {
                data = JSON.parse(await f.text());
              } catch {
                data = undefined;
              }
              const r = await send({ type: 'credentials/import', data });
              const result = r.ok
                ? (r.value.data as { imported: number; skipped: string[]; conflicts: string[] })
                : undefined;
              if (!result) return;
              if (
                result.conflicts.length &&
                confirm(
                  `${result.conflicts.length} credential id(s) already exist for another RP ID. Replace them with the imported ones?`,
                )
              )
                await send({ type: 'credentials/import', data, replace: true });
              else if (result.skipped.length)
                alert(`Imported ${result.imported}; not imported:\n${result.skipped.slice(0, 10).join('\n')}`);
            }}
          />
        </label>
      </p>
    </section>
  );
}
