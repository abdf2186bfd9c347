// Steps both ceremonies share: simulated failures, user presence, and the extension-output map order.
import { ceremonyError, sleep, throwIfAborted } from './errors.js';
import { ceremonyTimeout } from './clientSteps.js';
import type { AuthenticatorState, PresencePrompt, SimulatedFailure, UserPrompts } from './ceremonyContext.js';

/** Fails the way the developer asked: the user cancelling, or the call running out of time. */
export async function simulateFailure(
  failure: SimulatedFailure | undefined,
  timeout: unknown,
  signal: AbortSignal,
): Promise<void> {
  if (failure === 'cancel')
    throw ceremonyError(
      'NotAllowedError',
      'The operation either timed out or was not allowed (simulated: the user cancelled).',
    );
  if (failure === 'timeout') {
    await sleep(ceremonyTimeout(timeout), signal);
    throw ceremonyError('NotAllowedError', 'The operation either timed out or was not allowed (simulated: timeout).');
  }
}

export async function requirePresence(
  a: AuthenticatorState,
  prompts: UserPrompts | undefined,
  p: PresencePrompt,
  signal: AbortSignal,
): Promise<void> {
  const present = await (prompts ?? a.prompts).confirmPresence(p, signal);
  throwIfAborted(signal);
  if (!present)
    throw ceremonyError('NotAllowedError', 'The operation either timed out or was not allowed (the user cancelled).');
}

/** Authenticator extension outputs in CTAP2 canonical key order (shorter first, then bytewise). */
export function canonicalMap(entries: Array<[string, unknown]>): Map<string, unknown> {
  return new Map([...entries].sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)));
}

export const CRED_PROTECT_LEVELS: Readonly<Record<string, 1 | 2 | 3>> = {
  userVerificationOptional: 1,
  userVerificationOptionalWithCredentialIDList: 2,
  userVerificationRequired: 3,
};

export const NEVER_ABORTED: AbortSignal = new AbortController().signal;
