// navigator.credentials.create() / get() wrapped: public-key calls are recorded (and answered by the mock
// when it is on for this site); every other call passes through untouched.
import type { MockAnswer } from '../messages.js';
import type { PublicKeyCredentialJSON } from '../webauthn/json.js';
import { awaitMockState, currentMockState, sendMockAbort, sendMockRequest } from './channel.js';
import { CallRecord } from './ceremonyRecorder.js';
import { credentialFromJSON } from './credentialObjects.js';
import * as N from './natives.js';
const call = N.call;
import { errorJson, toJson } from './serialize.js';

type Method = (...a: unknown[]) => unknown;
/** How long an early call waits for the bridge to say whether the mock is on. */
const MOCK_STATE_WAIT_MS = 300;

function publicKeyOptions(args: unknown[]): { publicKey: object; options: Record<string, unknown> } | undefined {
  const options = args[0];
  if (!options || typeof options !== 'object') return undefined;
  try {
    const publicKey = (options as { publicKey?: unknown }).publicKey;
    return publicKey && typeof publicKey === 'object' ? { publicKey, options: options as Record<string, unknown> } : undefined;
  } catch {
    return undefined;
  }
}

function rebuildError(e: { name: string; message: string }): Error {
  if (e.name === 'TypeError') return new N.TypeError(e.message);
  return new N.DOMException(e.message, e.name) as unknown as Error;
}

function mockCall(kind: 'create' | 'get', rec: CallRecord, signal: unknown): Promise<unknown> {
  const requestId = rec.record.id;
  return new N.Promise<unknown>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => { if (!settled) { settled = true; f(); } };
    if (signal instanceof N.AbortSignal) {
      const onAbort = () => finish(() => {
        const reason = call(N.signalReason!, signal, []);
        sendMockAbort(requestId, errorJson(reason));
        rec.error(reason);
        reject(reason);
      });
      if (call(N.signalAborted!, signal, [])) return onAbort();
      call(N.addEventListener, signal, ['abort', onAbort, { once: true }]);
    }
    const options = rec.record.options as never;
    const mediation = rec.record.mediation;
    const answered = (a: MockAnswer) => finish(() => {
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
    call(N.promiseThen, sendMockRequest(requestId, { kind, ceremonyId: requestId, options, ...(mediation ? { mediation } : {}) } as never), [answered]);
  });
}

export function wrapCredentialCall(kind: 'create' | 'get', original: Method): Method {
  const handlers = {
    create(this: unknown, ...args: unknown[]): unknown {
      const pk = publicKeyOptions(args);
      if (!pk) return call(original, this, args);
      const state = currentMockState();
      if (state && !state.enabled) return native(this, args, pk);
      if (state?.enabled) return mockCall(kind, record(this, pk, 'mock').start(), pk.options.signal);
      // Very early call: the bridge has not said yet whether the mock is on.
      const self = this;
      return call(N.promiseThen, awaitMockState(MOCK_STATE_WAIT_MS), [(s: { enabled: boolean }) =>
        s.enabled ? mockCall(kind, record(self, pk, 'mock').start(), pk.options.signal) : native(self, args, pk)]);
    },
  };
  const record = (_self: unknown, pk: { publicKey: object; options: Record<string, unknown> }, mode: 'native' | 'mock') =>
    new CallRecord(kind, mode, toJson(pk.publicKey), { mediation: pk.options.mediation, signal: pk.options.signal });
  const native = (self: unknown, args: unknown[], pk: { publicKey: object; options: Record<string, unknown> }): unknown => {
    const rec = record(self, pk, 'native');
    let p: unknown;
    try {
      p = call(original, self, args);
    } catch (e) {
      rec.start().error(e);
      throw e;
    }
    rec.start();
    rec.observe(p, (v) => rec.credential(v));
    return p;
  };
  return handlers.create as Method;
}
