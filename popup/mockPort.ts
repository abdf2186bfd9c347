// The popup's side of MOCK_PORT: request/reply by id, and a callback when the background says something
// changed.
import { MOCK_PORT, type MockUiPush, type MockUiReply, type MockUiRequest } from '../src/messages.js';

export interface MockClient {
  send(request: MockUiRequest): Promise<MockUiReply>;
  close(): void;
}

export function connectMock(onChanged: () => void): MockClient {
  const port = chrome.runtime.connect({ name: MOCK_PORT });
  const waiting = new Map<number, (r: MockUiReply) => void>();
  let next = 1;
  port.onMessage.addListener((m: MockUiPush) => {
    if ('type' in m) onChanged();
    else {
      waiting.get(m.id)?.(m.reply);
      waiting.delete(m.id);
    }
  });
  return {
    send: (request) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        port.postMessage({ id, request });
      }),
    close: () => port.disconnect(),
  };
}
