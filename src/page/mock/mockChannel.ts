// The mock side's half of the window channel to the bridge: mock requests and aborts out; the frame's mock
// state and the answers in. Only messages carrying PAGE_CHANNEL from this very window are read. Where the
// bridge has handed over a direct port to the worker (Chromium), requests and answers take it instead: it
// skips two window hops and the browser's extension-message routing.
import {
  LOST_ANSWER,
  PAGE_CHANNEL,
  type ContentToMockHost,
  type ContentToPage,
  type MockAnswer,
  type MockHostToContent,
  type MockRequest,
  type MockState,
} from '../../messages.js';
import type { RecordedError } from '../../webauthn/record.js';
import { post } from '../channel.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
const call = N.call;

let mockState: MockState | undefined;
const stateWaiters: Array<(s: MockState) => void> = [];
const answers = new M.Map<string, (a: MockAnswer) => void>();

let direct: MessagePort | undefined;
const ports: MessagePort[] = [];
/** Requests sent on the direct port: lost if it closes before they are answered. */
const sentDirect = new M.Set<string>();

/** Sends on the direct port when there is one (as JSON text, read by the worker as the bridge's port would). */
function sendDirect(message: ContentToMockHost): boolean {
  if (!direct) return false;
  try {
    call(M.portPostMessage!, direct, [call(M.stringifyJson, JSON, [message])]);
    return true;
  } catch {
    return false;
  }
}

function settle(requestId: string, answer: MockAnswer): void {
  const resolve = answers.get(requestId);
  answers.delete(requestId);
  sentDirect.delete(requestId);
  resolve?.(answer);
}

export function sendMockRequest(requestId: string, request: MockRequest): Promise<MockAnswer> {
  return new N.Promise<MockAnswer>((resolve) => {
    answers.set(requestId, resolve);
    if (sendDirect({ type: 'mock/request', requestId, request })) sentDirect.add(requestId);
    else post({ channel: PAGE_CHANNEL, type: 'mock-request', requestId, request });
  });
}

export function sendMockAbort(requestId: string, reason?: RecordedError): void {
  answers.delete(requestId);
  const viaDirect = sentDirect.delete(requestId);
  const fields = { requestId, ...(reason ? { reason } : {}) };
  if (!(viaDirect && sendDirect({ type: 'mock/abort', ...fields })))
    post({ channel: PAGE_CHANNEL, type: 'mock-abort', ...fields });
}

function onDirectMessage(event: MessageEvent): void {
  const data = call(M.messageEventData!, event, []) as Partial<Extract<MockHostToContent, { answer: unknown }>> | null;
  if (data && typeof data === 'object' && typeof data.requestId === 'string' && data.answer)
    settle(data.requestId, data.answer);
}

/**
 * A newer port (the bridge hands one to each mock side that arrives) takes new calls; older ones stay open
 * for the calls still waiting on them. All die with the worker's end of the bridge: then every call sent on
 * them is lost, as a call on the bridge's own port would be.
 */
function useDirect(port: MessagePort | undefined): void {
  direct = port;
  if (port) {
    ports.push(port);
    call(N.addEventListener, port, ['message', onDirectMessage]);
    call(M.portStart!, port, []);
    return;
  }
  while (ports.length) call(M.portClose!, ports.pop()!, []);
  for (const id of [...sentDirect]) settle(id, LOST_ANSWER);
}

/** The frame's mock state as the bridge last said it; undefined before it has. */
export function currentMockState(): MockState | undefined {
  return mockState;
}

/** The state once the bridge says it, or "off" after `timeoutMs`: an early call must not hang. */
export function awaitMockState(timeoutMs: number): Promise<MockState> {
  if (mockState) return N.Promise.resolve(mockState);
  return new N.Promise<MockState>((resolve) => {
    const t = N.setTimeout(() => resolve({ enabled: false }), timeoutMs);
    stateWaiters.push((s) => {
      N.clearTimeout(t);
      resolve(s);
    });
  });
}

function onMessage(event: MessageEvent): void {
  if (call(M.messageEventSource!, event, []) !== N.window) return;
  const data = call(M.messageEventData!, event, []) as Partial<ContentToPage> | null;
  if (!data || typeof data !== 'object' || data.channel !== PAGE_CHANNEL) return;
  if (data.type === 'mock-state' && data.state && typeof data.state.enabled === 'boolean') {
    mockState = { ...data.state };
    while (stateWaiters.length) stateWaiters.shift()!(mockState);
  } else if (data.type === 'mock-response' && typeof data.requestId === 'string' && data.answer) {
    settle(data.requestId, data.answer);
  } else if (data.type === 'mock-port') {
    const port = (call(M.messageEventPorts!, event, []) as readonly MessagePort[])[0];
    if (port) useDirect(port);
  } else if (data.type === 'mock-port-closed') {
    useDirect(undefined);
  }
}

export function listen(): void {
  call(N.addEventListener, N.window, ['message', onMessage, true]);
}
