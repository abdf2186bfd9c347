// The popup's and prompt window's view of the mock: its state from the worker, refreshed on every 'changed'
// push, and a send() that applies the answer's state and keeps its error for display.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MockUiRequest, MockUiState, MockUiValue } from '../src/messages.js';
import type { Outcome } from '../src/rpc.js';
import { connectMock } from './mockPort.js';

export type Send = (r: MockUiRequest) => Promise<Outcome<MockUiValue>>;

export function useMock(): { state: MockUiState | undefined; error: string | undefined; send: Send } {
  const [state, setState] = useState<MockUiState>();
  const [error, setError] = useState<string>();
  const client = useMemo(() => connectMock(() => void send({ type: 'state' })), []);
  async function send(r: MockUiRequest): Promise<Outcome<MockUiValue>> {
    const answer = await client.send(r);
    if (answer.ok && answer.value.state) setState(answer.value.state);
    setError(answer.ok ? undefined : answer.error.message);
    return answer;
  }
  useEffect(() => {
    void send({ type: 'state' });
    return () => client.close();
  }, []);
  return { state, error, send };
}
