// The popup's and prompt window's view of the mock: its state from the background, refreshed on every
// 'changed' push, and a send() that applies the reply's state and keeps its error for display.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MockUiReply, MockUiRequest, MockUiState } from '../src/messages.js';
import { connectMock } from './mockPort.js';

export type Send = (r: MockUiRequest) => Promise<MockUiReply>;

export function useMock(): { state: MockUiState | undefined; error: string | undefined; send: Send } {
  const [state, setState] = useState<MockUiState>();
  const [error, setError] = useState<string>();
  const client = useMemo(() => connectMock(() => void send({ type: 'state' })), []);
  async function send(r: MockUiRequest): Promise<MockUiReply> {
    const reply = await client.send(r);
    if (reply.ok && reply.state) setState(reply.state);
    setError(reply.ok ? undefined : reply.error);
    return reply;
  }
  useEffect(() => {
    void send({ type: 'state' });
    return () => client.close();
  }, []);
  return { state, error, send };
}
