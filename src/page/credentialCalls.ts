// navigator.credentials.create() / get() wrapped: public-key calls are recorded, and answered by the mock's
// page side where it says it answers this frame (mockLink.ts); every other call passes through untouched.
import { CallRecord } from './ceremonyRecorder.js';
import { mockSide, type MockSide } from './mockLink.js';
import * as N from './natives.js';
import { toJson, type Json } from './serialize.js';
const call = N.call;

type Method = (...a: unknown[]) => unknown;
interface PublicKeyArgs {
  publicKey: object;
  options: Record<string, unknown>;
  /** What the record needs of the options, read once: a getter of the page's runs no more often than needed. */
  json?: Json;
  extra: { mediation?: unknown; signal?: unknown };
}

function publicKeyOptions(args: unknown[]): PublicKeyArgs | undefined {
  const options = args[0];
  if (!options || typeof options !== 'object') return undefined;
  try {
    const publicKey = (options as { publicKey?: unknown }).publicKey;
    return publicKey && typeof publicKey === 'object'
      ? { publicKey, options: options as Record<string, unknown>, extra: {} }
      : undefined;
  } catch {
    return undefined;
  }
}

export function wrapCredentialCall(kind: 'create' | 'get', original: Method): Method {
  const record = (pk: PublicKeyArgs, mode: 'native' | 'mock') => new CallRecord(kind, mode, pk.json, pk.extra);
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
  const viaMock = (self: unknown, side: MockSide, pk: PublicKeyArgs): Promise<unknown> => {
    const rec = record(pk, 'mock').start();
    const { options, mediation } = rec.record;
    const request = {
      kind,
      options: options as Json | undefined,
      mediation,
      signal: pk.extra.signal,
      argument: pk.options,
      native: (o: object) => call(original, self, [o]),
    };
    return new N.Promise((resolve, reject) => {
      call(N.promiseThen, side.call(request), [
        (o: Awaited<ReturnType<MockSide['call']>>) => {
          if (o.ok) {
            rec.mockCredential(o.value.json, o.value.clientExtensionResults);
            resolve(o.value.credential);
          } else {
            rec.error(o.error);
            reject(o.error);
          }
        },
      ]);
    });
  };
  return {
    create(this: unknown, ...args: unknown[]): unknown {
      const pk = publicKeyOptions(args);
      if (!pk) return call(original, this, args);
      try {
        pk.json = toJson(pk.publicKey);
        pk.extra = { mediation: pk.options.mediation, signal: pk.options.signal };
      } catch (e) {
        // The browser converts the options inside the promise: a getter that throws rejects it, and so here.
        record(pk, 'native').start().error(e);
        return new N.Promise((_, reject) => reject(e));
      }
      const side = mockSide();
      if (!side) return native(this, args, pk);
      const answers = side.answers();
      const go = (mock: boolean) => (mock ? viaMock(this, side, pk) : native(this, args, pk));
      // A call before the bridge has said whether the mock is on here waits for it, briefly.
      return typeof answers === 'boolean' ? go(answers) : call(N.promiseThen, answers, [go]);
    },
  }.create as Method;
}
