// RP security tests: the catalogue of tampered responses. Each entry changes one thing a relying party must
// check, and only that: every other part stays valid, and bytes that are signed (clientDataJSON, authenticator
// data, the attestation statement) are signed after the change with the credential's real key. An entry
// names the ceremony it applies to, the check it probes, a severity and the spec section, and the honest
// ceremonies a scan runs before it; its hooks are the only places it acts.
import type { AttestationKind } from '../messages.js';
import type { StoredCredential } from './credentialStore.js';

export type TamperingSeverity = 'critical' | 'high' | 'medium';
export type TamperingCeremony = 'create' | 'get';
/** Honest ceremonies a scan runs first: another user's registration, this user's registration, a sign-in. */
export type TamperingNeed = 'other-user' | 'register' | 'login';

export interface ClientDataFields {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin: boolean;
  topOrigin?: string;
}

export interface AuthDataFields {
  /** The RP ID whose hash is written. */
  rpId: string;
  flags: { UP: boolean; UV: boolean; BE: boolean; BS: boolean };
  signCount: number;
}

/** What a tampering may look at: the ceremony's RP, and the credentials the authenticator holds for it. */
export interface TamperEnv {
  rpId: string;
  origin: string;
  /** This RP's credentials of other users (a scan registers one first when the entry needs it). */
  others: StoredCredential[];
  /** This RP's credentials of the same user. */
  own: StoredCredential[];
  /** The challenge of an earlier ceremony of this RP, if there was one. */
  earlierChallenge?: string;
  /** For get(): the credential that signs, as stored (its BE at registration). */
  signer?: StoredCredential;
  /** The RP's requested algorithms, for create(). */
  requestedAlgorithms?: number[];
  /** Algorithms the authenticator can make keys for. */
  supportedAlgorithms?: number[];
  /** The RP required user verification. */
  uvRequired?: boolean;
}

export type AttestationTamper =
  'signature-bitflip' | 'chain-untrusted' | 'aaguid-mismatch' | 'cert-expired' | 'fmt-none';

export interface TamperHooks {
  clientData?(c: ClientDataFields, env: TamperEnv): ClientDataFields | undefined;
  authData?(d: AuthDataFields, env: TamperEnv): AuthDataFields | undefined;
  /** create(): the key algorithm instead of the one the RP asked for. */
  algorithm?(env: TamperEnv): number | undefined;
  /**
   * create(): the credential id instead of a fresh random one (and, for a taken id, that is all it changes).
   * Such an authenticator also ignores excludeCredentials, as an attacker's would.
   */
  credentialId?(env: TamperEnv): Uint8Array | string | undefined;
  /** get(): the credential that signs instead of the one the ceremony chose. */
  signWith?(env: TamperEnv, chosen: StoredCredential): StoredCredential | undefined;
  /** get(): the user handle returned. */
  userHandle?(env: TamperEnv): string | undefined;
  /** The assertion signature is flipped, or made with a key that is not the credential's. */
  signature?: 'bitflip' | 'other-key';
  attestation?: AttestationTamper;
}

export interface Tampering extends TamperHooks {
  id: string;
  ceremony: TamperingCeremony;
  /** What it changes. */
  changes: string;
  /** The RP check it probes: the RP must reject the response. */
  probes: string;
  severity: TamperingSeverity;
  spec: string;
  needs: TamperingNeed[];
  /** Only when the RP asks for attestation (direct or enterprise). */
  needsAttestation?: boolean;
  /** Only when the RP requires user verification. */
  needsUvRequired?: boolean;
}

const SPEC = 'https://www.w3.org/TR/webauthn-3/';
const REG = `${SPEC}#sctn-registering-a-new-credential`;
const AUTH = `${SPEC}#sctn-verifying-assertion`;
/** A site that is not the RP's, for the origin and RP ID hash tamperings. */
export const OTHER_SITE = 'attacker.example';

const originWithHost = (origin: string, host: (h: string) => string | undefined): string | undefined => {
  const u = new URL(origin);
  const h = host(u.hostname);
  if (h === undefined) return undefined;
  u.hostname = h;
  return u.origin;
};
const parentOf = (host: string): string | undefined => {
  const labels = host.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : undefined;
};
const flip = (s: string): string => {
  const last = s.at(-1)!;
  return s.slice(0, -1) + (last === 'A' ? 'B' : 'A');
};

const common = (ceremony: TamperingCeremony): Tampering[] => {
  const other = ceremony === 'create' ? 'webauthn.get' : 'webauthn.create';
  const url = ceremony === 'create' ? REG : AUTH;
  const needs: TamperingNeed[] = ceremony === 'create' ? [] : ['register'];
  const entry = (t: Omit<Tampering, 'ceremony' | 'spec' | 'needs'> & Partial<Pick<Tampering, 'spec' | 'needs'>>) => ({
    ceremony,
    spec: url,
    needs,
    ...t,
    id: `${t.id}`,
  });
  return [
    entry({
      id: 'type-unknown',
      changes: 'clientDataJSON.type is "webauthn.unknown"',
      probes: 'C.type is the ceremony’s type',
      severity: 'high',
      clientData: (c) => ({ ...c, type: 'webauthn.unknown' }),
    }),
    entry({
      id: 'type-swapped',
      changes: `clientDataJSON.type is "${other}"`,
      probes: 'C.type is the ceremony’s type, not the other one',
      severity: 'high',
      clientData: (c) => ({ ...c, type: other }),
    }),
    entry({
      id: 'challenge-bitflip',
      changes: 'one character of clientDataJSON.challenge flipped',
      probes: 'C.challenge equals the challenge the RP issued',
      severity: 'critical',
      clientData: (c) => ({ ...c, challenge: flip(c.challenge) }),
    }),
    entry({
      id: 'challenge-reused',
      changes: 'clientDataJSON.challenge is the challenge of an earlier ceremony of this RP',
      probes: 'each challenge is used once',
      severity: 'critical',
      needs: ceremony === 'create' ? ['other-user'] : ['register', 'login'],
      clientData: (c, env) => (env.earlierChallenge ? { ...c, challenge: env.earlierChallenge } : undefined),
    }),
    entry({
      id: 'origin-other-site',
      changes: `clientDataJSON.origin is https://${OTHER_SITE}`,
      probes: 'C.origin is one of the RP’s origins',
      severity: 'critical',
      clientData: (c) => ({ ...c, origin: `https://${OTHER_SITE}` }),
    }),
    entry({
      id: 'origin-subdomain',
      changes: 'clientDataJSON.origin has an added subdomain (evil.<host>)',
      probes: 'C.origin matches exactly, not as a suffix',
      severity: 'high',
      clientData: (c) => ({ ...c, origin: originWithHost(c.origin, (h) => `evil.${h}`)! }),
    }),
    entry({
      id: 'origin-parent',
      changes: 'clientDataJSON.origin is the parent domain of the RP’s origin',
      probes: 'C.origin matches exactly, not a parent domain',
      severity: 'high',
      clientData: (c) => {
        const o = originWithHost(c.origin, parentOf);
        return o ? { ...c, origin: o } : undefined;
      },
    }),
    entry({
      id: 'cross-origin-true',
      changes: `crossOrigin is true, with topOrigin https://${OTHER_SITE}`,
      probes: 'C.crossOrigin is false (or topOrigin is one the RP expects)',
      severity: 'high',
      clientData: (c) => ({ ...c, crossOrigin: true, topOrigin: `https://${OTHER_SITE}` }),
    }),
    entry({
      id: 'rpidhash-other-site',
      changes: `rpIdHash is SHA-256 of "${OTHER_SITE}"`,
      probes: 'rpIdHash is SHA-256 of the RP ID',
      severity: 'critical',
      authData: (d) => ({ ...d, rpId: OTHER_SITE }),
    }),
    entry({
      id: 'rpidhash-subdomain',
      changes: 'rpIdHash is SHA-256 of "sub.<RP ID>"',
      probes: 'rpIdHash is SHA-256 of the RP ID exactly',
      severity: 'high',
      authData: (d) => ({ ...d, rpId: `sub.${d.rpId}` }),
    }),
    entry({
      id: 'up-clear',
      changes: 'the UP flag is clear',
      probes: 'UP is set',
      severity: 'high',
      authData: (d) => ({ ...d, flags: { ...d.flags, UP: false } }),
    }),
    entry({
      id: 'uv-clear',
      changes: 'the UV flag is clear although the RP required user verification',
      probes: 'UV is set when the RP requires it',
      severity: 'high',
      needsUvRequired: true,
      authData: (d, env) => (env.uvRequired ? { ...d, flags: { ...d.flags, UV: false } } : undefined),
    }),
    entry({
      id: 'bs-without-be',
      changes: 'BS set with BE clear',
      probes: 'BS is never set without BE',
      severity: 'medium',
      authData: (d) => ({ ...d, flags: { ...d.flags, BE: false, BS: true } }),
    }),
  ];
};

/** The catalogue, by id within each ceremony (an id may exist for both). */
export const TAMPERINGS: readonly Tampering[] = [
  ...common('create'),
  {
    id: 'alg-not-requested',
    ceremony: 'create',
    changes: 'the credential key uses an algorithm the RP did not list in pubKeyCredParams',
    probes: 'the credential’s algorithm is one the RP asked for',
    severity: 'high',
    spec: REG,
    needs: [],
    algorithm: (env) =>
      env.supportedAlgorithms?.find((a) => !(env.requestedAlgorithms ?? []).includes(a) && a !== -19 && a !== -37),
  },
  {
    id: 'credential-id-too-long',
    ceremony: 'create',
    changes: 'the credential id is 1024 bytes long',
    probes: 'credential ids longer than 1023 bytes are refused',
    severity: 'medium',
    spec: REG,
    needs: [],
    credentialId: () => crypto.getRandomValues(new Uint8Array(1024)),
  },
  {
    id: 'credential-id-taken',
    ceremony: 'create',
    changes: 'the credential id is that of another user of this RP',
    probes: 'a credential id already registered (to anyone) is refused',
    severity: 'critical',
    spec: REG,
    needs: ['other-user'],
    credentialId: (env) => env.others[0]?.id,
  },
  {
    id: 'credential-key-replaced',
    ceremony: 'create',
    changes: 'the credential id of this user’s existing credential, with a new key',
    probes: 'registering an existing credential id again does not replace its key',
    severity: 'critical',
    spec: REG,
    needs: ['register'],
    credentialId: (env) => env.own[0]?.id,
  },
  {
    id: 'attestation-signature-bitflip',
    ceremony: 'create',
    changes: 'one bit of attStmt.sig flipped',
    probes: 'the attestation signature verifies',
    severity: 'high',
    spec: `${SPEC}#sctn-packed-attestation`,
    needs: [],
    needsAttestation: true,
    attestation: 'signature-bitflip',
  },
  {
    id: 'attestation-chain-untrusted',
    ceremony: 'create',
    changes: 'x5c chains to a CA that no metadata lists',
    probes: 'the attestation chain ends at a trusted root',
    severity: 'high',
    spec: `${SPEC}#sctn-attestation-trust-path`,
    needs: [],
    needsAttestation: true,
    attestation: 'chain-untrusted',
  },
  {
    id: 'attestation-aaguid-mismatch',
    ceremony: 'create',
    changes: 'the certificate’s AAGUID extension differs from the authenticator data’s AAGUID',
    probes: 'id-fido-gen-ce-aaguid matches the AAGUID',
    severity: 'medium',
    spec: `${SPEC}#sctn-packed-attestation-cert-requirements`,
    needs: [],
    needsAttestation: true,
    attestation: 'aaguid-mismatch',
  },
  {
    id: 'attestation-cert-expired',
    ceremony: 'create',
    changes: 'the attestation certificate expired yesterday',
    probes: 'the attestation certificate is within its validity period',
    severity: 'medium',
    spec: `${SPEC}#sctn-packed-attestation-cert-requirements`,
    needs: [],
    needsAttestation: true,
    attestation: 'cert-expired',
  },
  {
    id: 'attestation-fmt-none',
    ceremony: 'create',
    changes: 'fmt "none" although the RP asked for direct attestation',
    probes: 'an RP that requires attestation refuses "none"',
    severity: 'medium',
    spec: `${SPEC}#sctn-none-attestation`,
    needs: [],
    needsAttestation: true,
    attestation: 'fmt-none',
  },
  ...common('get'),
  {
    id: 'be-changed',
    ceremony: 'get',
    changes: 'BE at sign-in differs from BE at registration',
    probes: 'BE does not change for a credential',
    severity: 'medium',
    spec: AUTH,
    needs: ['register'],
    authData: (d) => ({ ...d, flags: { ...d.flags, BE: !d.flags.BE, BS: false } }),
  },
  {
    id: 'signcount-rollback',
    ceremony: 'get',
    changes: 'the sign count is lower than the one the RP last saw',
    probes: 'a sign count that does not increase is refused (a possible clone)',
    severity: 'high',
    spec: `${SPEC}#sctn-sign-counter`,
    needs: ['register', 'login', 'login'],
    authData: (d, env) => {
      const last = env.signer?.signCount ?? 0;
      return last >= 2 ? { ...d, signCount: last - 1 } : undefined;
    },
  },
  {
    id: 'allow-credentials-ignored',
    ceremony: 'get',
    changes: 'signed by a credential of another user, not in allowCredentials',
    probes: 'the credential is one of the user’s (in allowCredentials)',
    severity: 'critical',
    spec: AUTH,
    needs: ['other-user', 'register'],
    signWith: (env) => env.others[0],
  },
  {
    id: 'user-handle-other-user',
    ceremony: 'get',
    changes: 'userHandle is another user’s',
    probes: 'userHandle is the credential owner’s',
    severity: 'critical',
    spec: AUTH,
    needs: ['other-user', 'register'],
    userHandle: (env) => env.others[0]?.userHandle,
  },
  {
    id: 'signature-bitflip',
    ceremony: 'get',
    changes: 'one bit of the signature flipped',
    probes: 'the signature verifies with the credential’s public key',
    severity: 'critical',
    spec: AUTH,
    needs: ['register'],
    signature: 'bitflip',
  },
  {
    id: 'signature-other-key',
    ceremony: 'get',
    changes: 'signed with a key that is not the credential’s',
    probes: 'the signature verifies with the credential’s public key',
    severity: 'critical',
    spec: AUTH,
    needs: ['register'],
    signature: 'other-key',
  },
];

/** The tampering of this ceremony with this id. */
export const tampering = (id: string, ceremony: TamperingCeremony): Tampering | undefined =>
  TAMPERINGS.find((t) => t.id === id && t.ceremony === ceremony);

/** One change a tampering made, as the scorecard and the panel show it. */
export interface TamperChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Flips the lowest bit of the last byte. */
export const flipLastBit = (b: Uint8Array): Uint8Array => {
  const out = b.slice();
  out[out.length - 1] = out[out.length - 1]! ^ 1;
  return out;
};

/** The attestation kind a tampering needs the authenticator to give. */
export const attestationKindFor = (t: AttestationTamper | undefined, kind: AttestationKind): AttestationKind =>
  t === 'fmt-none' ? 'none' : t ? 'packed-x5c' : kind;
