// Mock calls from a frame's bridge over MOCK_CALL_PORT: each request is answered for the caller the browser
// names (sender tab, frame, origin), never for anything the message claims. A closed port (the frame went
// away) aborts what it still had waiting, so no prompt outlives its page.
//
// On Chromium the frame may also get a direct port (directPorts.ts): a MessagePort between the page and this
// worker that skips the browser's message routing, about half the round trip. The bridge asks for one on
// this runtime port with a one-time secret; the port that arrives with that secret is bound to this
// connection, so it speaks for the same browser-named caller and closes with it.
import type { ContentToMockHost, MockHostToContent } from '../messages.js';
import { isMockRequest, MAX_MESSAGE_BYTES, messageSize } from '../messageGuards.js';
import { acceptDirectPort, keepWorkerAlive } from './directPorts.js';
import { answerMockRequest } from './mockHost.js';
import { callerOf } from './senderInfo.js';

type Reply = (m: MockHostToContent) => void;
const MAX_DIRECT_PORTS = 8;

export function connectMockCalls(port: chrome.runtime.Port): void {
  const caller = port.sender ? callerOf(port.sender) : undefined;
  if (!caller || port.sender?.id !== chrome.runtime.id) {
    port.disconnect();
    return;
  }
  const pending = new Map<string, AbortController>();
  let open = true;
  /** This frame's direct ports: a mock side loaded again gets a new one, and calls may still wait on the old. */
  const directs: MessagePort[] = [];
  const waiting = () => pending.size > 0;
  port.onDisconnect.addListener(() => {
    open = false;
    for (const d of directs) d.close();
    for (const c of pending.values()) c.abort(new DOMException('The page went away.', 'AbortError'));
  });

  const handle = (m: ContentToMockHost, reply: Reply, fromRuntimePort: boolean) => {
    if (
      m.type === 'mock/request' &&
      typeof m.requestId === 'string' &&
      isMockRequest(m.request) &&
      !pending.has(m.requestId)
    ) {
      const controller = new AbortController();
      pending.set(m.requestId, controller);
      void answerMockRequest(m.request, caller, controller.signal).then((answer) => {
        pending.delete(m.requestId);
        if (open) reply({ requestId: m.requestId, answer });
      });
    } else if (m.type === 'mock/abort' && typeof m.requestId === 'string') {
      pending.get(m.requestId)?.abort(m.reason);
    } else if (m.type === 'direct/offer' && fromRuntimePort && typeof m.secret === 'string') {
      // A second offer comes from a mock side loaded again in the frame; the first port stays open for the
      // calls still waiting on it. A frame gets a few at most: beyond that, a page is playing games.
      if (directs.length >= MAX_DIRECT_PORTS) return;
      acceptDirectPort(m.secret, (p) => {
        if (!open || directs.length >= MAX_DIRECT_PORTS) {
          p.close();
          return;
        }
        directs.push(p);
        p.onmessage = (e: MessageEvent) => {
          // The page holds this port: it sends JSON text, read exactly as the runtime port would read it.
          const text: unknown = e.data;
          if (typeof text !== 'string' || text.length > MAX_MESSAGE_BYTES) return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return;
          }
          if (!parsed || typeof parsed !== 'object') return;
          handle(parsed as ContentToMockHost, (answer) => p.postMessage(answer), false);
          // Messages on a MessagePort are not extension events: without this the worker could be stopped
          // as idle in the middle of a call, or while a conditional get waits.
          keepWorkerAlive(waiting);
        };
        p.postMessage({ type: 'direct/ready' });
      });
      reply({ type: 'direct/offered', secret: m.secret });
    }
  };

  port.onMessage.addListener((m: ContentToMockHost) => {
    if (!m || typeof m !== 'object' || messageSize(m) > MAX_MESSAGE_BYTES) return;
    handle(m, (answer) => port.postMessage(answer), true);
  });
}
