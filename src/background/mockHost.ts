// Placeholder for the mock issue: the software authenticator's host in the background. Until it lands the
// mock is off everywhere, so every call goes to the browser's own WebAuthn.
import type { MockAnswer, MockRequest, MockState } from '../messages.js';

export interface MockCaller { tabId: number; frameId: number; origin: string; topOrigin?: string; crossOrigin: boolean }

export async function mockStateFor(_origin: string): Promise<MockState> {
  return { enabled: false };
}

export async function answerMockRequest(_request: MockRequest, _caller: MockCaller, _signal: AbortSignal): Promise<MockAnswer> {
  return { ok: false, error: { name: 'NotAllowedError', message: 'The mock authenticator is off.' } };
}

export function onMockStateChanged(_listener: () => void): void {}

export function connectMockUi(port: chrome.runtime.Port): void {
  port.disconnect();
}
