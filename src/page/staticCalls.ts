// The PublicKeyCredential statics that exist in this browser, wrapped to record their argument and result.
import { STATIC_CALLS, type StaticCall } from '../webauthn/record.js';
import { mockSide } from './mockLink.js';
import { CallRecord } from './ceremonyRecorder.js';
import * as N from './natives.js';
const call = N.call;
import { replaceMethod } from './nativeLook.js';
import { toJson } from './serialize.js';

type Method = (...a: unknown[]) => unknown;

function wrapStatic(name: StaticCall, original: Method): Method {
  return {
    [name](this: unknown, ...args: unknown[]): unknown {
      // While the mock answers this site, it answers the capability statics as the authenticator it is.
      const answer = mockSide()?.staticAnswer(name);
      const argument = args.length ? toJson(args[0]) : undefined;
      const rec = new CallRecord(name, answer !== undefined ? 'mock' : 'native', argument).start();
      if (answer !== undefined) {
        rec.result(answer);
        return N.Promise.resolve(answer);
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
