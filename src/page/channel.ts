// The hook's side of the window channel to the ISOLATED-world bridge: records out, mock state and mock
// answers in. Only messages carrying PAGE_CHANNEL from this very window are read.
import { PAGE_CHANNEL, type ContentToPage, type MockAnswer, type MockRequest, type MockState, type PageCeremony } from '../messages.js';
import type { RecordedError } from '../webauthn/record.js';
import * as N from './natives.js';
const call = N.call;

let mockState: MockState | undefined;
const stateWaiters: Array<(s: MockState) => void> = [];
const answers = new N.Map<string, (a: MockAnswer) => void>();

function post(message: unknown): void {
  try {
    call(N.postMessage, N.window, [message, '*']);
  } catch {
    // A record that cannot be cloned is lost, never the page's call.
  }
}

export function sendRecord(record: PageCeremony): void {
  post({ channel: PAGE_CHANNEL, type: 'ceremony', record });
}

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

/** The mock state now, or after the bridge tells it (bounded: an early call must not hang). */
export function currentMockState(): MockState | undefined {
  return mockState;
}

export function awaitMockState(timeoutMs: number): Promise<MockState> {
  if (mockState) return N.Promise.resolve(mockState);
  return new N.Promise<MockState>((resolve) => {
    const t = N.setTimeout(() => resolve({ enabled: false }), timeoutMs);
    stateWaiters.push((s) => { N.clearTimeout(t); resolve(s); });
  });
}

function onMessage(event: MessageEvent): void {
  if (call(N.messageEventSource!, event, []) !== N.window) return;
  const data = call(N.messageEventData!, event, []) as Partial<ContentToPage> | null;
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
