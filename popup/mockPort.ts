// The popup's side of MOCK_PORT: an rpc client (src/rpc.ts), and a callback when the worker says something
// changed.
import { MOCK_PORT, type MockUiRequest, type MockUiValue, type UiToWorker, type WorkerToUi } from '../src/messages.js';
import { rpcClient, type Outcome } from '../src/rpc.js';

/** A request the worker does not answer in this time failed (it is restarting; the popup shows the error). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface MockClient {
  send(request: MockUiRequest): Promise<Outcome<MockUiValue>>;
  close(): void;
}

export function connectMock(onChanged: () => void): MockClient {
  const port = chrome.runtime.connect({ name: MOCK_PORT });
  const client = rpcClient<MockUiRequest, MockUiValue>((m: UiToWorker) => {
    try {
      port.postMessage(m);
      return true;
    } catch {
      return false;
    }
  });
  port.onMessage.addListener((m: WorkerToUi) => {
    if (m.type === 'changed') onChanged();
    else client.receive(m);
  });
  port.onDisconnect.addListener(() =>
    client.failAll({ name: 'NotAllowedError', message: 'The extension restarted; try again.' }),
  );
  return {
    send: (request) => client.request(request, { timeoutMs: REQUEST_TIMEOUT_MS }).answer,
    close: () => port.disconnect(),
  };
}
