// The bridge's port to the mock host (MOCK_CALL_PORT), opened at the frame's first mock call and again after
// the background restarted. While calls wait (a conditional get can wait for minutes) it pings, so the worker
// is not stopped under them; a call whose port closes gets the error a browser gives when it gives up.
import {
  LOST_ANSWER,
  MOCK_CALL_PORT,
  type ContentToMockHost,
  type MockAnswer,
  type MockHostToContent,
  type MockRequest,
} from '../messages.js';
import type { RecordedError } from '../webauthn/record.js';
import { openDirectPort } from './directPort.js';

const PING_MS = 20_000;

export interface MockCallChannel {
  request(requestId: string, request: MockRequest, answered: (a: MockAnswer) => void): void;
  abort(requestId: string, reason?: RecordedError): void;
  /** A direct port to the worker bound to this frame's runtime port (Chromium), or undefined. */
  openDirect(): Promise<MessagePort | undefined>;
  /** Called whenever the runtime port closes (the worker stopped or the extension was reloaded). */
  onClosed(listener: () => void): void;
}

export function mockCallChannel(api: typeof chrome): MockCallChannel {
  let port: chrome.runtime.Port | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  const waiting = new Map<string, (a: MockAnswer) => void>();
  const closed: Array<() => void> = [];
  const offers = new Map<string, (registered: boolean) => void>();

  const settle = (requestId: string, answer: MockAnswer) => {
    const done = waiting.get(requestId);
    waiting.delete(requestId);
    if (!waiting.size && ping !== undefined) {
      clearInterval(ping);
      ping = undefined;
    }
    done?.(answer);
  };
  const connect = (): chrome.runtime.Port | undefined => {
    if (port) return port;
    try {
      const p = api.runtime.connect({ name: MOCK_CALL_PORT });
      p.onMessage.addListener((m: MockHostToContent) => {
        if (m && 'answer' in m && typeof m.requestId === 'string' && m.answer) settle(m.requestId, m.answer);
        else if (m && 'type' in m && m.type === 'direct/offered') {
          offers.get(m.secret)?.(true);
          offers.delete(m.secret);
        }
      });
      p.onDisconnect.addListener(() => {
        if (port === p) port = undefined;
        for (const id of [...waiting.keys()]) settle(id, LOST_ANSWER);
        for (const registered of offers.values()) registered(false);
        offers.clear();
        for (const l of closed) l();
      });
      port = p;
    } catch {
      // The extension was reloaded: this content script is orphaned.
    }
    return port;
  };
  const send = (m: ContentToMockHost): boolean => {
    const p = connect();
    try {
      p?.postMessage(m);
      return !!p;
    } catch {
      return false;
    }
  };

  return {
    request(requestId, request, answered) {
      waiting.set(requestId, answered);
      if (!send({ type: 'mock/request', requestId, request })) {
        settle(requestId, LOST_ANSWER);
        return;
      }
      ping ??= setInterval(() => send({ type: 'ping' }), PING_MS);
    },
    abort(requestId, reason) {
      send({ type: 'mock/abort', requestId, ...(reason ? { reason } : {}) });
    },
    openDirect: () =>
      openDirectPort(
        api,
        (secret) =>
          new Promise<boolean>((resolve) => {
            offers.set(secret, resolve);
            if (!send({ type: 'direct/offer', secret })) {
              offers.delete(secret);
              resolve(false);
            }
          }),
      ),
    onClosed: (listener) => {
      closed.push(listener);
    },
  };
}
