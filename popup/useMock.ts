// The popup's and prompt window's view of the mock: its state from the worker, refreshed on every 'changed'
// push, a send() that applies the answer's state and keeps its error for display, and whether a change is
// still on its way (the worker answers once pages have been told, so "not busy" means the change is in force).
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MockUiRequest, MockUiState, MockUiValue } from '../src/messages.js';
import type { Outcome } from '../src/rpc.js';
import { connectMock } from './mockPort.js';

export type Send = (r: MockUiRequest) => Promise<Outcome<MockUiValue>>;

/**
 * The state as a settings change will leave it: a control shows its new value at once (a box stays as clicked,
 * a select as chosen) while the worker saves; the answer's state replaces it.
 */
function asRequested(s: MockUiState, r: MockUiRequest): MockUiState {
  if (r.type === 'settings/update') return { ...s, settings: { ...s.settings, ...r.patch } };
  if (r.type !== 'site/set') return s;
  const sites = { ...s.settings.sites };
  if (r.enabled === null) delete sites[r.origin];
  else sites[r.origin] = r.enabled;
  return { ...s, settings: { ...s.settings, sites } };
}

export function useMock(): { state: MockUiState | undefined; error: string | undefined; busy: boolean; send: Send } {
  const [state, setState] = useState<MockUiState>();
  const [error, setError] = useState<string>();
  const [waiting, setWaiting] = useState(0);
  const client = useMemo(() => connectMock(() => void send({ type: 'state' })), []);
  async function send(r: MockUiRequest): Promise<Outcome<MockUiValue>> {
    setWaiting((n) => n + 1);
    const changes = r.type === 'settings/update' || r.type === 'site/set';
    if (changes) setState((s) => s && asRequested(s, r));
    try {
      const answer = await client.send(r);
      if (answer.ok && answer.value.state) setState(answer.value.state);
      // Refused: back to what the worker holds.
      else if (!answer.ok && changes) void send({ type: 'state' });
      setError(answer.ok ? undefined : answer.error.message);
      return answer;
    } finally {
      setWaiting((n) => n - 1);
    }
  }
  useEffect(() => {
    void send({ type: 'state' });
    return () => client.close();
  }, []);
  return { state, error, busy: waiting > 0, send };
}
