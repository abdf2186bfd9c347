// navigator.credentials.create() / get() wrapped: public-key calls are recorded, and handed to the mock's
// page side when it is loaded (mockLink.ts); every other call passes through untouched.
import { CallRecord } from './ceremonyRecorder.js';
import { mockSide } from './mockLink.js';
import * as N from './natives.js';
import { toJson } from './serialize.js';
const call = N.call;

type Method = (...a: unknown[]) => unknown;
interface PublicKeyArgs {
  publicKey: object;
  options: Record<string, unknown>;
}

function publicKeyOptions(args: unknown[]): PublicKeyArgs | undefined {
  const options = args[0];
  if (!options || typeof options !== 'object') return undefined;
  try {
    const publicKey = (options as { publicKey?: unknown }).publicKey;
    return publicKey && typeof publicKey === 'object'
      ? { publicKey, options: options as Record<string, unknown> }
      : undefined;
  } catch {
    return undefined;
  }
}

export function wrapCredentialCall(kind: 'create' | 'get', original: Method): Method {
  const record = (pk: PublicKeyArgs, mode: 'native' | 'mock') =>
    new CallRecord(kind, mode, toJson(pk.publicKey), { mediation: pk.options.mediation, signal: pk.options.signal });
  const native = (self: unknown, args: unknown[], pk: PublicKeyArgs): unknown => {
    const rec = record(pk, 'native');
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
  return {
    create(this: unknown, ...args: unknown[]): unknown {
      const pk = publicKeyOptions(args);
      if (!pk) return call(original, this, args);
      const mock = mockSide();
      if (!mock) return native(this, args, pk);
      return mock.call(
        kind,
        pk.options.signal,
        () => record(pk, 'mock').start(),
        () => native(this, args, pk),
      );
    },
  }.create as Method;
}
