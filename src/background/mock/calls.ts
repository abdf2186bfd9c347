// Mock calls from a frame: over its bridge's runtime port (MOCK_CALL_PORT) and, on Chromium, over the direct
// ports bound to that port (directPorts.ts). Each is an rpc server, and each request is answered for the
// caller the browser names for the runtime port (sender tab, frame, origin), never for anything a message
// claims. A closed port (the frame went away) aborts what it still had waiting, so no prompt outlives its page.
import type { DirectOffer, MockReply, MockRequest, WorkerToBridgePort, WorkerToPage } from '../../messages.js';
import { isDirectOffer, isMockCallBody, isMockRequest, MAX_MESSAGE_BYTES, messageSize } from '../../messageGuards.js';
import { rpcServer } from '../../rpc.js';
import { withAncestry } from '../frameAncestry.js';
import { callerOf, type Caller } from '../senderInfo.js';
import { acceptDirectPort, keepWorkerAlive } from './directPorts.js';
import { answerMockRequest } from './host.js';

/** A mock side loaded again in the frame gets a new port; beyond a few, a page is playing games. */
const MAX_DIRECT_PORTS = 8;

function bindDirectPort(p: MessagePort, caller: Promise<Caller>): () => void {
  const server = rpcServer<MockRequest, MockReply>(
    isMockRequest,
    (body, signal) => caller.then((c) => answerMockRequest(body, c, signal)),
    (answer) => p.postMessage(answer satisfies WorkerToPage),
  );
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
    server.receive(parsed);
    // Messages on a MessagePort are not extension events: without this the worker could be stopped as idle
    // in the middle of a call, or while a conditional get waits.
    keepWorkerAlive(() => server.size > 0);
  };
  p.postMessage({ type: 'direct/ready' } satisfies WorkerToPage);
  return () => {
    server.abortAll(new DOMException('The page went away.', 'AbortError'));
    p.close();
  };
}

export function connectMockCalls(port: chrome.runtime.Port): void {
  const caller = port.sender ? callerOf(port.sender) : undefined;
  if (!caller || port.sender?.id !== chrome.runtime.id) {
    port.disconnect();
    return;
  }
  // A frame's ancestors are fixed for its document's life, and so for its port's.
  const ready = withAncestry(caller);
  let open = true;
  const directs: Array<() => void> = [];
  const server = rpcServer<MockRequest | DirectOffer, MockReply | true>(
    isMockCallBody,
    (body, signal) => {
      if (!isDirectOffer(body)) return ready.then((c) => answerMockRequest(body, c, signal));
      // A second offer comes from a mock side loaded again in the frame; the first port stays open for the
      // calls still waiting on it.
      if (directs.length >= MAX_DIRECT_PORTS) throw new DOMException('Too many direct ports.', 'NotAllowedError');
      acceptDirectPort(body.secret, (p) => {
        if (!open || directs.length >= MAX_DIRECT_PORTS) p.close();
        else directs.push(bindDirectPort(p, ready));
      });
      return true as const;
    },
    (answer) => port.postMessage(answer satisfies WorkerToBridgePort),
  );
  port.onDisconnect.addListener(() => {
    open = false;
    for (const close of directs) close();
    server.abortAll(new DOMException('The page went away.', 'AbortError'));
  });
  port.onMessage.addListener((m: unknown) => {
    if (messageSize(m) <= MAX_MESSAGE_BYTES) server.receive(m);
  });
}
