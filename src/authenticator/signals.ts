// The three WebAuthn signals (L3 §5.1.10), applied as a passkey provider applies them: the RP tells the
// authenticator which credentials it no longer knows, which of a user's it still accepts, and the user's
// current names. The client checks come first, as the browser makes them: the dictionary's required members
// (TypeError), base64url ids (TypeError), then the RP ID against the caller's origin (SecurityError).
import { base64urlToBytes, toBase64url } from '../webauthn/base64url.js';
import { validateRpId } from '../webauthn/rpId.js';
import type { CeremonyOrigin } from './clientSteps.js';
import type { CredentialStore, StoredCredential } from './credentialStore.js';
import { ceremonyError } from './errors.js';
import { truncateName } from './storageLimits.js';

import { SIGNAL_NAMES, type SignalChange, type SignalName, type SignalOutcome } from '../messages.js';

/** How an unknown credential goes: deleted (as Chromium's virtual authenticator does), or hidden with an undo. */
export type UnknownCredentialAction = 'delete' | 'hide';

type Member = 'string' | 'base64url' | 'base64url[]';
/** Each signal's required dictionary members and their types, in the spec's IDL. */
const MEMBERS: Record<SignalName, Record<string, Member>> = {
  signalUnknownCredential: { rpId: 'string', credentialId: 'base64url' },
  signalAllAcceptedCredentials: { rpId: 'string', userId: 'base64url', allAcceptedCredentialIds: 'base64url[]' },
  signalCurrentUserDetails: { rpId: 'string', userId: 'base64url', name: 'string', displayName: 'string' },
};

const isBase64url = (v: string): boolean => /^[A-Za-z0-9_-]*$/.test(v) && v.length % 4 !== 1;

/** WebIDL conversion of the argument and Chromium's base64url checks; the members as strings. */
function convert(name: SignalName, argument: unknown): Record<string, string | string[]> {
  if (argument === null || typeof argument !== 'object' || Array.isArray(argument))
    throw ceremonyError('TypeError', `Failed to execute '${name}': parameter 1 is not of type 'object'.`);
  const a = argument as Record<string, unknown>;
  const out: Record<string, string | string[]> = {};
  for (const [key, type] of Object.entries(MEMBERS[name])) {
    const v = a[key];
    if (v === undefined)
      throw ceremonyError('TypeError', `Failed to execute '${name}': required member ${key} is undefined.`);
    if (type === 'base64url[]') {
      if (!Array.isArray(v)) throw ceremonyError('TypeError', `Failed to execute '${name}': ${key} is not a sequence.`);
      out[key] = v.map(String);
      if (!(out[key] as string[]).every(isBase64url))
        throw ceremonyError('TypeError', `Invalid base64url string for ${key}.`);
      continue;
    }
    out[key] = String(v);
    if (type === 'base64url' && !isBase64url(out[key] as string))
      throw ceremonyError('TypeError', `Invalid base64url string for ${key}.`);
  }
  return out;
}

/** The same bytes however the RP spelled them (padding, a trailing bit). */
const canonical = (s: string): string => {
  try {
    return toBase64url(base64urlToBytes(s));
  } catch {
    return s;
  }
};
const sameBytes = (a: string, b: string): boolean => canonical(a) === canonical(b);

/**
 * Checks a signal as the browser does and applies it to the credentials `within` allows (the authenticators
 * attached); what changed, for the log and the automation events.
 */
export async function applySignal(
  store: CredentialStore,
  name: SignalName,
  argument: unknown,
  caller: CeremonyOrigin,
  o: { unknownCredential: UnknownCredentialAction; within?: (c: StoredCredential) => boolean },
): Promise<SignalOutcome> {
  if (!SIGNAL_NAMES.includes(name)) throw ceremonyError('TypeError', `${String(name)} is not a signal.`);
  const args = convert(name, argument);
  const rp = validateRpId(caller.origin, args.rpId as string);
  if (!rp.ok) throw ceremonyError(rp.name, rp.message);
  const held = (await store.list(rp.rpId)).filter((c) => !o.within || o.within(c));
  const ofUser = (c: StoredCredential) => sameBytes(c.userHandle, args.userId as string);
  const changes: SignalChange[] = [];
  const note = (c: StoredCredential, change: SignalChange['change'], extra: Partial<SignalChange> = {}) =>
    changes.push({ change, credentialId: c.id, rpId: c.rpId, userName: c.userName, ...extra });
  switch (name) {
    case 'signalUnknownCredential':
      for (const c of held.filter((c) => sameBytes(c.id, args.credentialId as string))) {
        if (o.unknownCredential === 'delete') {
          if (await store.delete(c.id)) note(c, 'deleted');
        } else if (!c.hidden && (await store.update({ ...c, hidden: true }))) note(c, 'hidden');
      }
      break;
    case 'signalAllAcceptedCredentials': {
      const accepted = args.allAcceptedCredentialIds as string[];
      for (const c of held.filter(ofUser)) {
        const listed = accepted.some((id) => sameBytes(id, c.id));
        if (listed === !c.hidden) continue;
        if (await store.update({ ...c, hidden: !listed })) note(c, listed ? 'shown' : 'hidden');
      }
      break;
    }
    case 'signalCurrentUserDetails': {
      const after = {
        name: truncateName(args.name as string),
        displayName: truncateName(args.displayName as string),
      };
      for (const c of held.filter(ofUser)) {
        const before = { name: c.userName, displayName: c.userDisplayName };
        if (before.name === after.name && before.displayName === after.displayName) continue;
        if (await store.update({ ...c, userName: after.name, userDisplayName: after.displayName }))
          note(c, 'renamed', { before, after });
      }
      break;
    }
  }
  return { changes };
}
