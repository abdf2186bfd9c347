// The toolbar popup: the mock authenticator on or off (everywhere, or for the current site), the active
// profile, and the credentials it holds. Every control has an accessible name.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MockUiReply, MockUiRequest, MockUiState } from '../src/messages.js';
import { algorithmName } from '../src/webauthn/algorithms.js';
import { connectMock } from './mockPort.js';

function useMock() {
  const [state, setState] = useState<MockUiState>();
  const [error, setError] = useState<string>();
  const client = useMemo(() => connectMock(() => void send({ type: 'state' })), []);
  async function send(r: MockUiRequest): Promise<MockUiReply> {
    const reply = await client.send(r);
    if (reply.ok && reply.state) setState(reply.state);
    setError(reply.ok ? undefined : reply.error);
    return reply;
  }
  useEffect(() => { void send({ type: 'state' }); return () => client.close(); }, []);
  return { state, error, send };
}

function useActiveOrigin(): string | undefined {
  const [origin, setOrigin] = useState<string>();
  useEffect(() => {
    void chrome.tabs.query({ active: true, currentWindow: true }).then(([t]) => {
      try { if (t?.url && /^https?:/.test(t.url)) setOrigin(new URL(t.url).origin); } catch { /* not a web page */ }
    });
  }, []);
  return origin;
}

function download(name: string, data: unknown): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  a.download = name;
  a.click();
}

function App() {
  const { state, error, send } = useMock();
  const origin = useActiveOrigin();
  if (!state) return <p>Loading…</p>;
  const s = state.settings;
  const site = origin !== undefined && Object.hasOwn(s.sites, origin) ? s.sites[origin] : undefined;
  const byRp = new Map<string, typeof state.credentials>();
  for (const c of state.credentials) byRp.set(c.rpId, [...(byRp.get(c.rpId) ?? []), c]);
  return (
    <main>
      <h1>Mock authenticator</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <label><input type="checkbox" checked={s.enabled} onChange={(e) => void send({ type: 'settings/update', patch: { enabled: e.currentTarget.checked } })} /> Answer WebAuthn calls on every site</label>
      {origin && (
        <label>For {origin}{' '}
          <select aria-label={`Mock for ${origin}`} value={site === undefined ? 'default' : site ? 'on' : 'off'}
            onChange={(e) => { const v = e.currentTarget.value; void send({ type: 'site/set', origin, enabled: v === 'default' ? null : v === 'on' }); }}>
            <option value="default">as everywhere</option><option value="on">on</option><option value="off">off</option>
          </select>
        </label>
      )}
      <label>Profile{' '}
        <select aria-label="Active profile" value={s.activeProfileId} onChange={(e) => void send({ type: 'settings/update', patch: { activeProfileId: e.currentTarget.value } })}>
          {s.profiles.map((p) => <option value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>Simulate{' '}
        <select aria-label="Simulated failure" value={s.failure} onChange={(e) => void send({ type: 'settings/update', patch: { failure: e.currentTarget.value as typeof s.failure } })}>
          <option value="none">nothing (answer normally)</option><option value="cancel">the user cancelling</option>
          <option value="timeout">a timeout</option><option value="no-credential">no matching credential</option>
        </select>
      </label>
      <h2>Credentials ({state.credentials.length})</h2>
      {[...byRp].map(([rpId, creds]) => (
        <section aria-label={`Credentials for ${rpId}`}>
          <h3>{rpId}</h3>
          <table>
            <thead><tr><th>User</th><th>Algorithm</th><th>Created</th><th>Last used</th><th>Sign count</th><th /></tr></thead>
            <tbody>
              {creds.map((c) => (
                <tr>
                  <td title={c.userHandle}>{c.userName}</td><td>{algorithmName(c.alg)}</td>
                  <td>{new Date(c.createdAt).toLocaleString()}</td><td>{c.lastUsedAt ? new Date(c.lastUsedAt).toLocaleString() : '—'}</td>
                  <td>{c.signCount}</td>
                  <td><button aria-label={`Delete credential of ${c.userName} for ${rpId}`} onClick={() => void send({ type: 'credential/delete', id: c.id })}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p>
        <button aria-label="Delete all credentials" disabled={!state.credentials.length} onClick={() => { if (confirm('Delete every credential the mock holds?')) void send({ type: 'credentials/delete-all' }); }}>Delete all</button>{' '}
        <button aria-label="Export credentials with private keys" disabled={!state.credentials.length} onClick={async () => {
          if (!confirm('The export file holds PRIVATE KEYS: anyone with it can sign in as these users on these sites. Export?')) return;
          const r = await send({ type: 'credentials/export', keyFormat: 'jwk', confirmed: true });
          if (r.ok) download(`webauthn-devtools-credentials-${new Date().toISOString().slice(0, 10)}.json`, r.data);
        }}>Export…</button>{' '}
        <label>Import <input type="file" aria-label="Import credentials" accept="application/json" onChange={async (e) => {
          const f = e.currentTarget.files?.[0];
          if (f) void send({ type: 'credentials/import', data: JSON.parse(await f.text()) as unknown });
        }} /></label>
      </p>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
