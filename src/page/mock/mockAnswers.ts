// The mock's page side: a second MAIN-world script, registered by the background only while the mock is on
// for some site (and injected into pages already open when it is switched on). It links to the hook
// (mockLink.ts) and answers the frame's create()/get() with credentials the background made, as objects
// that behave like the browser's own. Where the mock is off for this frame it hands calls back untouched.
import type { MockAnswer } from '../../messages.js';
import { PAGE_CHANNEL } from '../../messages.js';
import type { PublicKeyCredentialJSON } from '../../webauthn/json.js';
import type { CallRecord } from '../ceremonyRecorder.js';
import { post } from '../channel.js';
import { LINK_EVENT, type MockSide } from '../mockLink.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
import { errorJson } from '../serialize.js';
import { credentialFromJSON } from './credentialObjects.js';
import { awaitMockState, currentMockState, listen, sendMockAbort, sendMockRequest } from './mockChannel.js';
const call = N.call;

/** How long an early call waits for the bridge to say whether the mock is on. */
const MOCK_STATE_WAIT_MS = 300;

function rebuildError(e: { name: string; message: string }): Error {
  if (e.name === 'TypeError') return new M.TypeError(e.message);
  return new N.DOMException(e.message, e.name) as unknown as Error;
}

function mockCall(kind: 'create' | 'get', rec: CallRecord, signal: unknown): Promise<unknown> {
  const requestId = rec.record.id;
  return new N.Promise<unknown>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (!settled) {
        settled = true;
        f();
      }
    };
    if (signal instanceof N.AbortSignal) {
      const onAbort = () =>
        finish(() => {
          const reason = call(N.signalReason!, signal, []);
          sendMockAbort(requestId, errorJson(reason));
          rec.error(reason);
          reject(reason);
        });
      if (call(N.signalAborted!, signal, [])) return onAbort();
      call(N.addEventListener, signal, ['abort', onAbort, { once: true }]);
    }
    const { options, mediation } = rec.record;
    const answered = (a: MockAnswer) =>
      finish(() => {
        if (a.ok) {
          try {
            const credential = credentialFromJSON(a.credential as PublicKeyCredentialJSON, a.clientExtensionResults);
            rec.mockCredential(a.credential as never, a.clientExtensionResults as never);
            resolve(credential);
          } catch (e) {
            rec.error(e);
            reject(e);
          }
        } else {
          const err = rebuildError(a.error);
          rec.error(err);
          reject(err);
        }
      });
    call(
      N.promiseThen,
      sendMockRequest(requestId, {
        kind,
        ceremonyId: requestId,
        options,
        ...(mediation ? { mediation } : {}),
      } as never),
      [answered],
    );
  });
}

const side: MockSide = {
  enabled: () => currentMockState()?.enabled,
  call(kind, signal, startRecord, native) {
    const state = currentMockState();
    if (state) return state.enabled ? mockCall(kind, startRecord(), signal) : native();
    // A call before the bridge has said whether the mock is on here: wait for it, briefly.
    return call(N.promiseThen, awaitMockState(MOCK_STATE_WAIT_MS), [
      (s: { enabled: boolean }) => (s.enabled ? mockCall(kind, startRecord(), signal) : native()),
    ]);
  },
};

function announce(): void {
  call(N.dispatchEvent, N.window, [new N.CustomEvent(LINK_EVENT, { detail: side })]);
}

// A second copy in one frame (the mock switched off and on again while the page was open) is harmless: the
// hook keeps the first side it heard, and answers carry request ids only the first copy knows.
listen();
call(N.addEventListener, N.window, [
  LINK_EVENT,
  (e: Event) => {
    if (!call(N.customEventDetail!, e, [])) announce();
  },
]);
announce();
post({ channel: PAGE_CHANNEL, type: 'mock-hello' });
