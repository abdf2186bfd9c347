// The mock side's half of the window channel to the bridge: mock requests and aborts out; the frame's mock
// state and the answers in. Only messages carrying PAGE_CHANNEL from this very window are read.
import { PAGE_CHANNEL, type ContentToPage, type MockAnswer, type MockRequest, type MockState } from '../../messages.js';
import type { RecordedError } from '../../webauthn/record.js';
import { post } from '../channel.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
const call = N.call;

let mockState: MockState | undefined;
const stateWaiters: Array<(s: MockState) => void> = [];
const answers = new M.Map<string, (a: MockAnswer) => void>();

export function sendMockRequest(requestId: string, request: MockRequest): Promise<MockAnswer> {
  return new N.Promise<MockAnswer>((resolve) => {
    answers.set(requestId, resolve);
    post({ channel: PAGE_CHANNEL, type: 'mock-request', requestId, request });
  });
}

export function sendMockAbort(requestId: string, reason?: RecordedError): void {
  answers.delete(requestId);
  post({ channel: PAGE_CHANNEL, type: 'mock-abort', requestId, ...(reason ? { reason } : {}) });
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
    stateWaiters.push((s) => { N.clearTimeout(t); resolve(s); });
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
    const resolve = answers.get(data.requestId);
    answers.delete(data.requestId);
    resolve?.(data.answer);
  }
}

export function listen(): void {
  call(N.addEventListener, N.window, ['message', onMessage, true]);
}
