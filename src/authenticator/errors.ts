// Failures as the browser reports them: every rejection a page sees is a DOMException (or TypeError) with
// the name Chromium uses for the same case, so RP error handling behaves as it would with a real authenticator.

export type CeremonyErrorName =
  | 'NotAllowedError'
  | 'InvalidStateError'
  | 'NotSupportedError'
  | 'SecurityError'
  | 'AbortError'
  | 'ConstraintError'
  | 'SyntaxError'
  | 'UnknownError'
  | 'RangeError'
  | 'TypeError';

export function ceremonyError(name: CeremonyErrorName, message: string): Error {
  return name === 'TypeError' ? new TypeError(message) : new DOMException(message, name);
}

/** The rejection for an aborted call: the signal's reason, as browsers use it. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
