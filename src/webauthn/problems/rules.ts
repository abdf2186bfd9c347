// The rule table: each entry one RP mistake, with its severity and the spec section that explains it.
import { fromBase64url } from '../base64url.js';
import { bytesEqual } from '../bytes.js';
import { validateRpId } from '../rpId.js';
import type { ProblemRule } from './types.js';

const SPEC = 'https://www.w3.org/TR/webauthn-3/';
const MIN_CHALLENGE_BYTES = 16;
const MAX_USER_ID_BYTES = 64;
/** §5.4 / §15.1: clients' recommended range is 300 000–600 000 ms (UV) or 30 000–180 000 ms (no UV). */
const MIN_SENSIBLE_TIMEOUT_MS = 30_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,}$/;

const text = (b: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
};
const sameBytes = (a: string, b: string): boolean => {
  const x = fromBase64url(a),
    y = fromBase64url(b);
  return x.ok && y.ok ? bytesEqual(x.value, y.value) : a === b;
};

export const PROBLEM_RULES: readonly ProblemRule[] = [
  {
    id: 'challenge-too-short',
    severity: 'error',
    title: 'Challenge shorter than 16 bytes',
    spec: `${SPEC}#sctn-cryptographic-challenges`,
    check: (c) =>
      c.challengeBytes && c.challengeBytes.length < MIN_CHALLENGE_BYTES
        ? [
            {
              field: 'challenge',
              message: `challenge is ${c.challengeBytes.length} bytes; use at least ${MIN_CHALLENGE_BYTES} random bytes`,
            },
          ]
        : [],
  },
  {
    id: 'challenge-reused',
    severity: 'error',
    title: 'Challenge reused within the log',
    spec: `${SPEC}#sctn-cryptographic-challenges`,
    check: (c, ctx) => {
      const first = c.challenge ? ctx.challenges.get(c.challenge) : undefined;
      return first && first !== c.record.id
        ? [
            {
              field: 'challenge',
              message: `challenge ${c.challenge} was already used by ceremony ${first}; each ceremony needs a fresh one`,
            },
          ]
        : [];
    },
  },
  {
    id: 'user-id-personal-data',
    severity: 'warning',
    title: 'user.id looks like personal data',
    spec: `${SPEC}#sctn-user-handle-privacy`,
    check: (c) => {
      const id = typeof c.create?.user?.id === 'string' ? fromBase64url(c.create.user.id) : undefined;
      if (!id?.ok) return [];
      const s = text(id.value);
      const name = c.create?.user?.name;
      const what =
        s === undefined
          ? undefined
          : EMAIL.test(s)
            ? 'an e-mail address'
            : PHONE.test(s)
              ? 'a phone number'
              : s === name || s === c.create?.user?.displayName
                ? 'the user name'
                : undefined;
      return what
        ? [
            {
              field: 'user.id',
              message: `user.id is ${what} ("${s}"); use random bytes, since authenticators may show or leak it`,
            },
          ]
        : [];
    },
  },
  {
    // Chromium accepts an empty user.id although the spec requires 1 to 64 bytes: flagged here because other
    // browsers and authenticators refuse it.
    id: 'user-id-too-long',
    severity: 'error',
    title: 'user.id empty or longer than 64 bytes',
    spec: `${SPEC}#dom-publickeycredentialuserentity-id`,
    check: (c) => {
      const id = typeof c.create?.user?.id === 'string' ? fromBase64url(c.create.user.id) : undefined;
      if (!id?.ok || (id.value.length >= 1 && id.value.length <= MAX_USER_ID_BYTES)) return [];
      return [
        { field: 'user.id', message: `user.id is ${id.value.length} bytes; it must be 1 to ${MAX_USER_ID_BYTES}` },
      ];
    },
  },
  {
    id: 'rp-id-not-suffix',
    severity: 'error',
    title: 'RP ID is not a registrable suffix of the origin',
    spec: `${SPEC}#rp-id`,
    check: (c) => {
      const named = c.kind === 'create' ? c.create?.rp?.id : c.get?.rpId;
      if (typeof named !== 'string' || !c.record.origin) return [];
      const v = validateRpId(c.record.origin, named);
      return v.ok
        ? []
        : [
            {
              field: c.kind === 'create' ? 'rp.id' : 'rpId',
              message: `RP ID "${named}" cannot be used from ${c.record.origin}: ${v.message}`,
            },
          ];
    },
  },
  ...(
    [
      [-7, 'ES256', 'supported by every authenticator'],
      [-257, 'RS256', 'the only algorithm of Windows Hello and some TPMs'],
    ] as const
  ).map(([alg, name, why]): ProblemRule => ({
    id: `no-${name.toLowerCase()}`,
    severity: 'warning',
    title: `No ${name} in pubKeyCredParams`,
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-pubkeycredparams`,
    check: (c) =>
      Array.isArray(c.create?.pubKeyCredParams) &&
      c.create.pubKeyCredParams.length > 0 &&
      !c.create.pubKeyCredParams.some((p) => p?.alg === alg)
        ? [
            {
              field: 'pubKeyCredParams',
              message: `pubKeyCredParams lacks ${name} (${alg}), ${why}; some authenticators will fail with NotSupportedError`,
            },
          ]
        : [],
  })),
  {
    id: 'uv-preferred-but-required',
    severity: 'warning',
    title: 'userVerification "preferred" while the RP appears to require UV',
    spec: `${SPEC}#sctn-userVerificationRequirement`,
    check: (c, ctx) => {
      const uv = c.kind === 'create' ? c.create?.authenticatorSelection?.userVerification : c.get?.userVerification;
      if (uv !== undefined && uv !== 'preferred') return [];
      const why =
        c.record.mediation === 'conditional'
          ? 'this is a passkey autofill (conditional) sign-in'
          : c.rpId && ctx.rpsRequiringUv.has(c.rpId)
            ? `other ceremonies for ${c.rpId} require it`
            : undefined;
      return why
        ? [
            {
              field: 'userVerification',
              message: `userVerification is ${uv === undefined ? 'absent (so "preferred")' : '"preferred"'} but ${why}: an authenticator may skip UV and the server must then reject or accept a weaker sign-in; say "required"`,
            },
          ]
        : [];
    },
  },
  {
    id: 'attestation-without-need',
    severity: 'info',
    title: 'attestation "direct" or "enterprise" without need',
    spec: `${SPEC}#enum-attestation-convey`,
    check: (c) => {
      const a = c.create?.attestation;
      return (a === 'direct' || a === 'enterprise') && !c.create?.attestationFormats?.length
        ? [
            {
              field: 'attestation',
              message: `attestation "${a}" asks for identifying authenticator data; most RPs do not verify it and some clients prompt the user: use "none" unless you check attestation`,
            },
          ]
        : [];
    },
  },
  {
    id: 'resident-key-conflict',
    severity: 'warning',
    title: 'requireResidentKey and residentKey disagree',
    spec: `${SPEC}#dom-authenticatorselectioncriteria-requireresidentkey`,
    check: (c) => {
      const s = c.create?.authenticatorSelection;
      if (!s || s.requireResidentKey === undefined || s.residentKey === undefined) return [];
      return (s.requireResidentKey === true) !== (s.residentKey === 'required')
        ? [
            {
              field: 'authenticatorSelection',
              message: `residentKey "${s.residentKey}" with requireResidentKey ${s.requireResidentKey}: requireResidentKey must be true exactly when residentKey is "required" (Level 1 clients read only requireResidentKey)`,
            },
          ]
        : [];
    },
  },
  {
    id: 'empty-exclude-on-repeat',
    severity: 'warning',
    title: 'Empty excludeCredentials on a repeat registration',
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-excludecredentials`,
    check: (c, ctx) => {
      const key = c.rpId && typeof c.create?.user?.id === 'string' ? `${c.rpId} ${c.create.user.id}` : undefined;
      return key && ctx.registeredUsers.has(key) && !c.create?.excludeCredentials?.length
        ? [
            {
              field: 'excludeCredentials',
              message: `user ${c.create?.user?.name ?? ''} already registered a credential for ${c.rpId}, but excludeCredentials is empty: the same authenticator can register twice`,
            },
          ]
        : [];
    },
  },
  {
    id: 'allow-credentials-without-transports',
    severity: 'info',
    title: 'allowCredentials without transports',
    spec: `${SPEC}#dom-publickeycredentialdescriptor-transports`,
    check: (c) => {
      const n = (c.get?.allowCredentials ?? []).filter((d) => !d?.transports?.length).length;
      return n
        ? [
            {
              field: 'allowCredentials',
              message: `${n} allowCredentials entr${n === 1 ? 'y has' : 'ies have'} no transports: store getTransports() at registration so the browser can offer the right authenticator`,
            },
          ]
        : [];
    },
  },
  {
    id: 'response-challenge-mismatch',
    severity: 'error',
    title: 'Response challenge differs from the options',
    spec: `${SPEC}#sctn-registering-a-new-credential`,
    check: (c) =>
      c.clientData && c.challenge && !sameBytes(c.clientData.challenge, c.challenge)
        ? [
            {
              field: 'clientDataJSON.challenge',
              message: `clientDataJSON challenge ${c.clientData.challenge} is not the options' ${c.challenge}`,
            },
          ]
        : [],
  },
  {
    id: 'response-origin-mismatch',
    severity: 'error',
    title: 'Response origin differs from the calling frame',
    spec: `${SPEC}#sctn-registering-a-new-credential`,
    check: (c) =>
      c.clientData && c.record.origin && c.clientData.origin !== c.record.origin
        ? [
            {
              field: 'clientDataJSON.origin',
              message: `clientDataJSON origin "${c.clientData.origin}" is not the calling frame's origin "${c.record.origin}"`,
            },
          ]
        : [],
  },
  {
    id: 'bs-without-be',
    severity: 'error',
    title: 'Backup State set without Backup Eligibility',
    spec: `${SPEC}#sctn-authenticator-data`,
    check: (c) =>
      c.authData && c.authData.flags.BS && !c.authData.flags.BE
        ? [
            {
              field: 'authenticatorData.flags',
              message:
                'flags have BS (backed up) set but BE (backup eligible) clear, which the spec forbids: reject this response',
            },
          ]
        : [],
  },
  {
    id: 'sign-count-backwards',
    severity: 'error',
    title: 'signCount did not increase',
    spec: `${SPEC}#sctn-sign-counter`,
    check: (c, ctx) => {
      if (!c.authData || !c.credentialId || c.kind !== 'get') return [];
      const last = ctx.signCounts.get(c.credentialId);
      const now = c.authData.signCount;
      return last !== undefined && (now !== 0 || last !== 0) && now <= last
        ? [
            {
              field: 'authenticatorData.signCount',
              message: `signCount ${now} after ${last} for credential ${c.credentialId}: a sign of a cloned authenticator`,
            },
          ]
        : [];
    },
  },
  {
    id: 'timeout-too-short',
    severity: 'warning',
    title: 'timeout too short to complete a ceremony',
    spec: `${SPEC}#sctn-timeout-recommended-range`,
    check: (c) => {
      const t = c.kind === 'create' ? c.create?.timeout : c.get?.timeout;
      return typeof t === 'number' && t < MIN_SENSIBLE_TIMEOUT_MS
        ? [
            {
              field: 'timeout',
              message: `timeout ${t} ms leaves a person too little time (plugging in a key, reading a prompt); the spec recommends 300 000–600 000 ms`,
            },
          ]
        : [];
    },
  },
];
