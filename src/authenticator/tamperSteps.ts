// Where a tampering acts inside a ceremony: each step hands its fields to the tampering's hook and records
// what changed (field, before, after). Without a tampering every step is the identity.
import type { AuthenticatorState, CeremonyContext } from './ceremonyContext.js';
import type { StoredCredential } from './credentialStore.js';
import {
  tampering,
  type AuthDataFields,
  type ClientDataFields,
  type TamperChange,
  type TamperEnv,
  type Tampering,
  type TamperingCeremony,
} from './tamperings.js';

export interface ActiveTamper {
  t: Tampering;
  env: TamperEnv;
  changes: TamperChange[];
}

/** The tampering this ceremony carries, with what it may look at; undefined for an honest ceremony. */
export async function activeTamper(
  a: AuthenticatorState,
  ctx: CeremonyContext,
  ceremony: TamperingCeremony,
  rpId: string,
  userHandle: string | undefined,
  extra: Partial<TamperEnv> = {},
): Promise<ActiveTamper | undefined> {
  const t = ctx.tamper ? tampering(ctx.tamper.id, ceremony) : undefined;
  if (!t || !ctx.tamper) return undefined;
  const held = (await a.store.list(rpId)).filter((c) => !ctx.holders || ctx.holders.includes(c.profileId));
  const env: TamperEnv = {
    rpId,
    origin: ctx.origin,
    others: held.filter((c) => userHandle === undefined || c.userHandle !== userHandle),
    own: held.filter((c) => userHandle !== undefined && c.userHandle === userHandle),
    ...(a.recentChallenges.get(rpId) !== undefined ? { earlierChallenge: a.recentChallenges.get(rpId)! } : {}),
    ...extra,
  };
  return { t, env, changes: ctx.tamper.changes };
}

function record<T extends object>(changes: TamperChange[], prefix: string, before: T, after: T): void {
  const flat = (o: object, p: string): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !(v instanceof Uint8Array)
          ? Object.entries(flat(v, `${p}${k}.`))
          : [[`${p}${k}`, v]],
      ),
    );
  const b = flat(before, prefix),
    x = flat(after, prefix);
  for (const k of new Set([...Object.keys(b), ...Object.keys(x)]))
    if (b[k] !== x[k]) changes.push({ field: k, before: b[k], after: x[k] });
}

export function tamperClientData(at: ActiveTamper | undefined, c: ClientDataFields): ClientDataFields {
  const out = at?.t.clientData?.(c, at.env);
  if (!at || !out) return c;
  record(at.changes, 'clientDataJSON.', c, out);
  return out;
}

export function tamperAuthData(at: ActiveTamper | undefined, d: AuthDataFields): AuthDataFields {
  const out = at?.t.authData?.(d, at.env);
  if (!at || !out) return d;
  record(
    at.changes,
    'authenticatorData.',
    { rpIdHashOf: d.rpId, ...d.flags, signCount: d.signCount },
    {
      rpIdHashOf: out.rpId,
      ...out.flags,
      signCount: out.signCount,
    },
  );
  return out;
}

/** A change a hook made outside the signed structures (the key's algorithm, the credential id, …). */
export function note(at: ActiveTamper | undefined, field: string, before: unknown, after: unknown): void {
  at?.changes.push({ field, before, after });
}

/** The credential that signs: the ceremony's, or the one a tampering picks. */
export function tamperSigner(at: ActiveTamper | undefined, chosen: StoredCredential): StoredCredential {
  const other = at?.t.signWith?.(at.env, chosen);
  if (!at || !other) return chosen;
  note(at, 'credential', chosen.id, other.id);
  return other;
}
