// The toolbar popup: the mock authenticator on or off (everywhere, or for the current site), the active
// profile and its editor, how user presence is answered, what is waiting for the user, and the credentials.
// Opened as popup.html?prompt=ID it is the prompt window for one request. Every control has an accessible name.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CredentialList } from './CredentialList.js';
import { PendingPrompts } from './PendingPrompts.js';
import { ProfileEditor } from './ProfileEditor.js';
import { PromptWindow } from './PromptWindow.js';
import { SecurityTests } from './SecurityTests.js';
import { useMock } from './useMock.js';
import type { MockSettings } from '../src/messages.js';

function useActiveOrigin(): string | undefined {
  const [origin, setOrigin] = useState<string>();
  useEffect(() => {
    void chrome.tabs.query({ active: true, currentWindow: true }).then(([t]) => {
      try {
        if (t?.url && /^https?:/.test(t.url)) setOrigin(new URL(t.url).origin);
      } catch {
        /* not a web page */
      }
    });
  }, []);
  return origin;
}

/** The mock's choice settings: setting, label, accessible name, and its values with what each means. */
const SETTING_SELECTS: ReadonlyArray<
  [keyof Pick<MockSettings, 'presence' | 'failure' | 'unknownCredential'>, string, string, Array<[string, string]>]
> = [
  [
    'presence',
    'User presence',
    'User presence',
    [
      ['auto', 'automatic (no prompt)'],
      ['ask', 'ask me in a window'],
    ],
  ],
  [
    'failure',
    'Simulate',
    'Simulated failure',
    [
      ['none', 'nothing (answer normally)'],
      ['cancel', 'the user cancelling'],
      ['timeout', 'a timeout'],
      ['no-credential', 'no matching credential'],
    ],
  ],
  [
    'unknownCredential',
    'When an RP signals an unknown credential,',
    'Unknown credential signal',
    [
      ['delete', 'delete it'],
      ['hide', 'hide it (undo below)'],
    ],
  ],
];

function App(p: { promptId: string | null }) {
  const { state, error, busy, send } = useMock();
  const origin = useActiveOrigin();
  if (!state) return <p>Loading…</p>;
  if (p.promptId !== null) return <PromptWindow id={p.promptId} state={state} send={send} />;
  const s = state.settings;
  const site = origin !== undefined && Object.hasOwn(s.sites, origin) ? s.sites[origin] : undefined;
  const active = s.profiles.find((x) => x.id === s.activeProfileId) ?? s.profiles[0];
  return (
    <main aria-busy={busy}>
      <h1>Mock authenticator</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <PendingPrompts pending={state.pending} send={send} />
      <section class="card" aria-labelledby="mock-title">
        <h2 id="mock-title">Mock</h2>
        <label>
          <input
            type="checkbox"
            checked={s.enabled}
            onChange={(e) => void send({ type: 'settings/update', patch: { enabled: e.currentTarget.checked } })}
          />{' '}
          Answer WebAuthn calls on every site
        </label>
        {origin && (
          <label>
            For {origin}{' '}
            <select
              aria-label={`Mock for ${origin}`}
              value={site === undefined ? 'default' : site ? 'on' : 'off'}
              onChange={(e) => {
                const v = e.currentTarget.value;
                void send({ type: 'site/set', origin, enabled: v === 'default' ? null : v === 'on' });
              }}
            >
              <option value="default">as everywhere</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
        )}
        <label>
          Profile{' '}
          <select
            aria-label="Active profile"
            value={s.activeProfileId}
            onChange={(e) => void send({ type: 'settings/update', patch: { activeProfileId: e.currentTarget.value } })}
          >
            {s.profiles.map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
        {active && <ProfileEditor profile={active} canDelete={s.profiles.length > 1} send={send} />}
        {SETTING_SELECTS.map(([key, label, name, options]) => (
          <label>
            {label}{' '}
            <select
              aria-label={name}
              value={s[key]}
              onChange={(e) => void send({ type: 'settings/update', patch: { [key]: e.currentTarget.value } })}
            >
              {options.map(([value, text]) => (
                <option value={value}>{text}</option>
              ))}
            </select>
          </label>
        ))}
      </section>
      <SecurityTests tampering={s.tampering} send={send} />
      <CredentialList credentials={state.credentials} send={send} />
    </main>
  );
}

render(<App promptId={new URLSearchParams(location.search).get('prompt')} />, document.getElementById('app')!);
