// Mock calls from a frame's bridge over MOCK_CALL_PORT: each request is answered for the caller the browser
// names (sender tab, frame, origin), never for anything the message claims. A closed port (the frame went
// away) aborts what it still had waiting, so no prompt outlives its page.
import type { ContentToMockHost, MockHostToContent } from '../messages.js';
import { isMockRequest, MAX_MESSAGE_BYTES, messageSize } from '../messageGuards.js';
import { answerMockRequest } from './mockHost.js';
import { callerOf } from './senderInfo.js';

export function connectMockCalls(port: chrome.runtime.Port): void {
  const caller = port.sender ? callerOf(port.sender) : undefined;
  if (!caller || port.sender?.id !== chrome.runtime.id) { port.disconnect(); return; }
  const pending = new Map<string, AbortController>();
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
    for (const c of pending.values()) c.abort(new DOMException('The page went away.', 'AbortError'));
  });
  port.onMessage.addListener((m: ContentToMockHost) => {
    if (!m || typeof m !== 'object' || messageSize(m) > MAX_MESSAGE_BYTES) return;
    if (m.type === 'mock/request' && typeof m.requestId === 'string' && isMockRequest(m.request) && !pending.has(m.requestId)) {
      const controller = new AbortController();
      pending.set(m.requestId, controller);
      void answerMockRequest(m.request, caller, controller.signal).then((answer) => {
        pending.delete(m.requestId);
        if (open) port.postMessage({ requestId: m.requestId, answer } satisfies MockHostToContent);
      });
    } else if (m.type === 'mock/abort' && typeof m.requestId === 'string') {
      pending.get(m.requestId)?.abort(m.reason);
    }
  });
}
