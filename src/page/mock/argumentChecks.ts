// The browser's own argument checks, run before the mock answers. Calling the native create()/get() with an
// aborted signal makes the browser convert the whole options dictionary (WebIDL) and then stop: it rejects
// with the conversion's TypeError, or with the signal's reason once every type is right. Chromium looks at
// the signal first; Firefox after some checks of its own (user.id length, RP ID, algorithms), whose errors
// are as much the browser's answer. Either way nothing reaches an authenticator.
import * as N from '../natives.js';
import * as M from './mockNatives.js';
const call = N.call;

const isAbortSignal = (v: unknown): boolean => {
  try {
    call(N.signalAborted!, v, []);
    return true;
  } catch {
    return false;
  }
};

/** The reason of the probe's signal: a rejection with it is the browser stopping at the signal. */
const reason = M.objectCreate(null) as object;
let stoppedSignal: AbortSignal | undefined;
/** One aborted signal serves every probe: an aborted signal never changes. */
const stopped = (): AbortSignal => (stoppedSignal ??= call(M.abortSignal, N.AbortSignal, [reason]) as AbortSignal);

/**
 * The error the browser gives for these arguments before any authenticator runs, or undefined when it has
 * none. The page's argument is the probe's prototype, so its getters run once more, as they would if the
 * browser answered the call itself; only `signal` is shadowed (a page's non-signal value stays, for its
 * TypeError).
 */
export function browserArgumentError(
  argument: object,
  signal: unknown,
  native: (argument: object) => unknown,
): Promise<unknown> {
  return new N.Promise((resolve) => {
    const probeSignal = signal === undefined || isAbortSignal(signal) ? stopped() : signal;
    try {
      const answer = native(M.objectCreate(argument, { signal: { value: probeSignal } }) as object);
      call(N.promiseThen, answer, [() => resolve(undefined), (e: unknown) => resolve(e === reason ? undefined : e)]);
    } catch (e) {
      resolve(e);
    }
  });
}
