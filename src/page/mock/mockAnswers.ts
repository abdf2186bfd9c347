// The mock's page side: a second MAIN-world script, registered by the background only while the mock is on
// for some site (and injected into pages already open when it is switched on). It links to the hook
// (mockLink.ts), says whether the mock answers this frame, and turns the worker's answers into objects that
// behave like the browser's own. The hook records; this side never sees a record.
import {
  BRIDGE_HERE_EVENT,
  MOCK_HERE_EVENT,
  PAGE_CHANNEL,
  SIGNAL_NAMES,
  type MockCredential,
  type MockRequest,
  type SignalName,
} from '../../messages.js';
import type { RecordedError } from '../../webauthn/record.js';
import { post } from '../channel.js';
import { LINK_EVENT, type MockSide } from '../mockLink.js';
import type { Json } from '../serialize.js';
import { browserArgumentError } from './argumentChecks.js';
import * as N from '../natives.js';
import { errorJson } from '../serialize.js';
import { credentialFromJSON } from './credentialObjects.js';
import { awaitMockState, currentMockState, listen, request } from './mockChannel.js';
import * as M from './mockNatives.js';
const call = N.call;

/**
 * How long an early call waits for the bridge to say whether the mock is on: a moment for the bridge to be
 * heard from at all (it does not run in every frame), then as long as a starting or busy worker may take.
 */
const STATE_WAIT_MS = { unheard: 300, asking: 10_000 };

function rebuildError(e: RecordedError): Error {
  if (e.name === 'TypeError') return new M.TypeError(e.message);
  return new N.DOMException(e.message, e.name) as unknown as Error;
}

type Answer = ReturnType<MockSide['call']>;

/** Sends a signal to the worker: a promise of what it changed, or of the browser's error for a bad argument. */
function sendSignal(name: SignalName, argument: Json | undefined): Promise<unknown> {
  return new N.Promise((resolve, reject) => {
    call(N.promiseThen, request({ type: 'mock/signal', name, argument } as MockRequest).answer, [
      (o: Awaited<ReturnType<typeof request>['answer']>) => (o.ok ? resolve(o.value) : reject(rebuildError(o.error))),
    ]);
  });
}

/** The statics the mock answers while it answers this frame: capabilities from the profile, and the signals. */
const STATIC_ANSWERS: Record<string, (caps: Record<string, boolean>, argument: Json | undefined) => unknown> = {
  isConditionalMediationAvailable: () => true,
  isUserVerifyingPlatformAuthenticatorAvailable: (caps) => caps.userVerifyingPlatformAuthenticator === true,
  getClientCapabilities: (caps) => ({ ...caps }),
  ...M.objectFromEntries(
    SIGNAL_NAMES.map((name) => [name, (_: unknown, argument: Json | undefined) => sendSignal(name, argument)]),
  ),
};

const side: MockSide = {
  enabled: () => currentMockState()?.enabled,
  staticAnswer(name, argument) {
    const state = currentMockState();
    const answer = M.hasOwn(STATIC_ANSWERS, name) ? STATIC_ANSWERS[name] : undefined;
    return state?.enabled && answer ? answer(state.capabilities ?? {}, argument) : undefined;
  },
  answers() {
    const state = currentMockState();
    if (state) return state.enabled;
    // Where the mock does not answer, the bridge stays silent until asked: the first call asks.
    post({ channel: PAGE_CHANNEL, type: 'mock/state-request' });
    return call(N.promiseThen, awaitMockState(STATE_WAIT_MS.unheard, STATE_WAIT_MS.asking), [
      (s: { enabled: boolean }) => s.enabled,
    ]);
  },
  call({ kind, options, mediation, signal, argument, native }) {
    return call(N.promiseThen, browserArgumentError(argument, signal, native), [
      (error: unknown) => (error === undefined ? ask(kind, options, mediation, signal) : { ok: false, error }),
    ]);
  },
};

function ask(kind: 'create' | 'get', options: Json | undefined, mediation: unknown, signal: unknown): Answer {
  return new N.Promise((resolve) => {
    // The browser has checked the signal's type: it is an AbortSignal, or absent.
    const isSignal = signal !== undefined;
    const reason = () => call(N.signalReason!, signal, []);
    if (isSignal && call(N.signalAborted!, signal, [])) return resolve({ ok: false, error: reason() });
    const body = { type: 'mock/call', kind, options, ...(typeof mediation === 'string' ? { mediation } : {}) };
    const pending = request(body as MockRequest);
    if (isSignal)
      call(N.addEventListener, signal, [
        'abort',
        () => {
          pending.abort(errorJson(reason()));
          resolve({ ok: false, error: reason() });
        },
        { once: true },
      ]);
    call(N.promiseThen, pending.answer, [
      (o: Awaited<typeof pending.answer>) => {
        if (!o.ok) return resolve({ ok: false, error: rebuildError(o.error) });
        const value = o.value as MockCredential;
        try {
          const credential = credentialFromJSON(value.credential, value.clientExtensionResults);
          resolve({
            ok: true,
            value: {
              credential,
              json: value.credential as never,
              clientExtensionResults: value.clientExtensionResults as never,
            },
          });
        } catch (e) {
          resolve({ ok: false, error: e });
        }
      },
    ]);
  });
}

function announce(): void {
  call(N.dispatchEvent, N.window, [new N.CustomEvent(LINK_EVENT, { detail: side })]);
}

// A second copy in one frame (the mock switched off and on again while the page was open) is harmless: the
// hook keeps the first side it heard, and answers carry request ids only the copy that asked knows.
listen();
call(N.addEventListener, N.window, [
  LINK_EVENT,
  (e: Event) => {
    if (!call(N.customEventDetail!, e, [])) announce();
  },
]);
announce();
// The bridge learns that this side is here (so it does not inject another), with no window message: either
// this event finds it listening, or it asks once when it starts after this script.
const here = () => call(N.dispatchEvent, N.window, [new N.CustomEvent(MOCK_HERE_EVENT)]);
call(N.addEventListener, N.window, [BRIDGE_HERE_EVENT, here, { once: true }]);
here();
