// The PublicKeyCredential statics that exist in this browser, wrapped to record their argument and result.
import { STATIC_CALLS, type StaticCall } from '../webauthn/record.js';
import { mockSide } from './mockLink.js';
import { CallRecord } from './ceremonyRecorder.js';
import * as N from './natives.js';
const call = N.call;
import { replaceMethod } from './nativeLook.js';
import { toJson } from './serialize.js';

type Method = (...a: unknown[]) => unknown;

/** While the mock answers for this site, conditional mediation is available whatever the browser says. */
const MOCK_ANSWERS: Partial<Record<StaticCall, unknown>> = { isConditionalMediationAvailable: true };

function wrapStatic(name: StaticCall, original: Method): Method {
  return {
    [name](this: unknown, ...args: unknown[]): unknown {
      const mock = mockSide()?.enabled() === true && Object.hasOwn(MOCK_ANSWERS, name);
      const argument = args.length ? toJson(args[0]) : undefined;
      const rec = new CallRecord(name, mock ? 'mock' : 'native', argument).start();
      if (mock) {
        rec.result(MOCK_ANSWERS[name]);
        return N.Promise.resolve(MOCK_ANSWERS[name]);
      }
      let out: unknown;
      try {
        out = call(original, this, args);
      } catch (e) {
        rec.error(e);
        throw e;
      }
      rec.observe(out, (v) => rec.result(v));
      return out;
    },
  }[name] as Method;
}

export function installStatics(): void {
  const PKC = N.PublicKeyCredential;
  if (!PKC) return;
  for (const name of STATIC_CALLS) replaceMethod(PKC, name, (original) => wrapStatic(name, original));
}
