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
  const respond = (self: unknown, args: unknown[]): unknown => {
    // While the mock answers this site, it answers the capability statics as the authenticator it is, and
    // takes the signals (a promise of their outcome).
    const argument = args.length ? toJson(args[0]) : undefined;
    const answer = mockSide()?.staticAnswer(name, argument);
    const rec = new CallRecord(name, answer !== undefined ? 'mock' : 'native', argument).start();
    if (answer !== undefined) {
      const p = N.Promise.resolve(answer);
      rec.observe(p, (v) => rec.result(v));
      // A signal's record holds what it changed in the mock; the page gets undefined, as the spec has it.
      return name[0] === 's' ? call(N.promiseThen, p, [() => undefined]) : p;
    }
    let out: unknown;
    try {
      out = call(original, self, args);
    } catch (e) {
      rec.error(e);
      throw e;
    }
    rec.observe(out, (v) => rec.result(v));
    return out;
  };
  return {
    [name](this: unknown, ...args: unknown[]): unknown {
      const side = mockSide();
      // The bridge tells a frame its mock state at its first WebAuthn call, not before: a static that comes
      // first waits for it (unknown, answers() is a promise), those that return one (not parse…FromJSON).
      return side && name[0] !== 'p' && side.enabled() === undefined
        ? call(N.promiseThen, side.answers() as Promise<boolean>, [() => respond(this, args)])
        : respond(this, args);
    },
  }[name] as Method;
}

export function installStatics(): void {
  const PKC = N.PublicKeyCredential;
  if (!PKC) return;
  for (const name of STATIC_CALLS) replaceMethod(PKC, name, (original) => wrapStatic(name, original));
}
