// The bridge's runtime port to the worker (MOCK_CALL_PORT), an rpc client opened at the frame's first mock
// call and again after the worker restarted. While calls wait (a conditional get can wait for minutes) it
// pings, so the worker is not stopped under them; a call whose port closes gets the error a browser gives
// when it gives up.
import {
  LOST_ERROR,
  MOCK_CALL_PORT,
  type BridgeToWorkerPort,
  type DirectOffer,
  type MockReply,
  type MockRequest,
} from '../messages.js';
import { rpcClient, type RequestHandle } from '../rpc.js';

const PING_MS = 20_000;

export interface WorkerPort {
  request<B extends MockRequest | DirectOffer>(body: B): RequestHandle<B extends DirectOffer ? true : MockReply>;
  /** Called whenever the runtime port closes (the worker stopped or the extension was reloaded). */
  onClosed(listener: () => void): void;
}

export function workerPort(api: typeof chrome): WorkerPort {
  let port: chrome.runtime.Port | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  const closed: Array<() => void> = [];

  const connect = (): chrome.runtime.Port | undefined => {
    if (port) return port;
    // WebAuthn exists only in secure contexts, as the browser decides them; a message from any other frame is
    // a forgery, and the worker is never asked.
    if (!globalThis.isSecureContext) return undefined;
    try {
      const p = api.runtime.connect({ name: MOCK_CALL_PORT });
      p.onMessage.addListener((m: unknown) => {
        client.receive(m);
        if (!client.size && ping !== undefined) {
          clearInterval(ping);
          ping = undefined;
        }
      });
      p.onDisconnect.addListener(() => {
        if (port === p) port = undefined;
        client.failAll(LOST_ERROR);
        for (const l of closed) l();
      });
      port = p;
    } catch {
      // The extension was reloaded: this content script is orphaned.
    }
    return port;
  };
  const send = (m: BridgeToWorkerPort): boolean => {
    const p = connect();
    try {
      p?.postMessage(m);
      return !!p;
    } catch {
      return false;
    }
  };
  const client = rpcClient<MockRequest | DirectOffer, MockReply | true>(send);

  return {
    request(body) {
      const handle = client.request(body);
      ping ??= setInterval(() => send({ type: 'ping' }), PING_MS);
      return handle as never;
    },
    onClosed: (listener) => {
      closed.push(listener);
    },
  };
}
