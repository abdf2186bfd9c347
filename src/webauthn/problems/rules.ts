// The rule table: each entry one RP mistake, with its severity and the spec section that explains it.
import { fromBase64url } from '../base64url.js';
import { bytesEqual } from '../bytes.js';
import { COSE_ALGORITHMS, algorithmName } from '../algorithms.js';
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
/** pubKeyCredParams, allowCredentials or excludeCredentials as a list of objects (lenient). */
const entries = (v: unknown): Array<Record<string, unknown>> =>
  Array.isArray(v) ? v.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];
const duplicates = (xs: unknown[]): unknown[] => [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];
/** Which authenticators each hint names (§5.8.7), against an attachment. */
const HINT_ATTACHMENT: Readonly<Record<string, 'platform' | 'cross-platform'>> = {
  'security-key': 'cross-platform',
  hybrid: 'cross-platform',
  'client-device': 'platform',
};
/** Extension inputs and the type each must have (WebAuthn L3 §10, CTAP 2.1 §12). */
const EXTENSION_INPUT_TYPES: ReadonlyArray<[string, 'boolean' | 'string' | 'object', string]> = [
  ['credProps', 'boolean', 'true'],
  ['minPinLength', 'boolean', 'true'],
  ['hmacCreateSecret', 'boolean', 'true'],
  ['uvm', 'boolean', 'true'],
  ['getCredBlob', 'boolean', 'true'],
  ['enforceCredentialProtectionPolicy', 'boolean', 'true or false'],
  [
    'credentialProtectionPolicy',
    'string',
    '"userVerificationOptional", "userVerificationOptionalWithCredentialIDList" or "userVerificationRequired"',
  ],
  ['appid', 'string', 'a URL'],
  ['appidExclude', 'string', 'a URL'],
  ['largeBlob', 'object', '{ support } or { read } / { write }'],
  ['prf', 'object', '{ eval: { first } }'],
];
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
  {
    id: 'weak-algorithm',
    severity: 'warning',
    title: 'pubKeyCredParams offers a deprecated algorithm',
    spec: `${SPEC}#sctn-alg-identifier`,
    check: (c) => {
      const weak = entries(c.create?.pubKeyCredParams)
        .map((p) => p.alg)
        .filter((a): a is number => typeof a === 'number' && COSE_ALGORITHMS[a]?.deprecated === true);
      return weak.length
        ? [
            {
              field: 'pubKeyCredParams',
              message: `pubKeyCredParams offers ${weak.map((a) => `${algorithmName(a)} (${a})`).join(', ')}, deprecated for new credentials: an authenticator may pick it; offer ES256 and RS256 instead`,
            },
          ]
        : [];
    },
  },
  {
    id: 'algorithm-key-mismatch',
    severity: 'error',
    title: "The credential's key does not fit its algorithm",
    spec: `${SPEC}#sctn-attested-credential-data`,
    check: (c) => {
      // The COSE decoder refuses such a key; the RP must refuse the registration too.
      const errors = [c.attestationObject, c.authDataResult].flatMap((d) => (d && !d.ok ? [d.error.what] : []));
      const what = errors.find((e) => /COSE_Key alg \S+ needs (kty|curve)/.test(e));
      return what
        ? [
            {
              field: 'attestationObject.authData.credentialPublicKey',
              message: `${what}: a credential whose key does not match its algorithm must be refused, or signatures are checked against the wrong curve or key type`,
            },
          ]
        : [];
    },
  },
  {
    id: 'algorithm-not-requested',
    severity: 'error',
    title: 'The credential uses an algorithm the RP did not offer',
    spec: `${SPEC}#sctn-registering-a-new-credential`,
    check: (c) => {
      const alg = c.authData?.attestedCredentialData?.credentialPublicKey.alg;
      const offered = entries(c.create?.pubKeyCredParams).map((p) => p.alg);
      return alg !== undefined && offered.length > 0 && !offered.includes(alg)
        ? [
            {
              field: 'attestationObject.authData.credentialPublicKey.alg',
              message: `the credential's key is ${algorithmName(alg)} (${alg}), which pubKeyCredParams did not offer (${offered.join(', ')}): the RP must refuse it (§7.1 step 20)`,
            },
          ]
        : [];
    },
  },
  {
    id: 'rs256-before-es256',
    severity: 'info',
    title: 'RS256 preferred over ES256',
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-pubkeycredparams`,
    check: (c) => {
      const algs = entries(c.create?.pubKeyCredParams).map((p) => p.alg);
      const rs = algs.indexOf(-257),
        es = algs.indexOf(-7);
      return rs >= 0 && es >= 0 && rs < es
        ? [
            {
              field: 'pubKeyCredParams',
              message:
                'pubKeyCredParams lists RS256 (-257) before ES256 (-7): the list is in order of preference, and authenticators that can do both will make larger, slower RSA keys',
            },
          ]
        : [];
    },
  },
  {
    id: 'passkey-without-uv',
    severity: 'warning',
    title: 'Passkey sign-in without required user verification (heuristic)',
    spec: `${SPEC}#sctn-user-verification`,
    check: (c) =>
      c.kind === 'get' &&
      c.get &&
      entries(c.get.allowCredentials).length === 0 &&
      c.get.userVerification !== 'required' &&
      c.record.mediation !== 'conditional'
        ? [
            {
              field: 'userVerification',
              message: `a sign-in with an empty allowCredentials (the passkey is the only factor) asks userVerification "${c.get.userVerification ?? 'preferred'}": without UV it proves only possession; require it, or check the UV flag on the server (heuristic: an RP with a second factor may mean this)`,
            },
          ]
        : [],
  },
  ...(['allowCredentials', 'excludeCredentials'] as const).map((list): ProblemRule => ({
    id: `${list === 'allowCredentials' ? 'allow' : 'exclude'}-credentials-other-type`,
    severity: 'warning',
    title: `${list} entries that are not "public-key"`,
    spec: `${SPEC}#dictdef-publickeycredentialdescriptor`,
    check: (c) => {
      const source = list === 'allowCredentials' ? c.get?.allowCredentials : c.create?.excludeCredentials;
      const other = entries(source).filter((d) => d.type !== 'public-key');
      return other.length
        ? [
            {
              field: list,
              message: `${other.length} ${list} entr${other.length === 1 ? 'y has' : 'ies have'} type ${other.map((d) => JSON.stringify(d.type)).join(', ')}: browsers skip entries of an unknown type, so those credentials are silently ignored`,
            },
          ]
        : [];
    },
  })),
  ...(['allowCredentials', 'excludeCredentials'] as const).map((list): ProblemRule => ({
    id: `${list === 'allowCredentials' ? 'allow' : 'exclude'}-credentials-duplicate`,
    severity: 'info',
    title: `The same credential twice in ${list}`,
    spec: `${SPEC}#dictdef-publickeycredentialdescriptor`,
    check: (c) => {
      const source = list === 'allowCredentials' ? c.get?.allowCredentials : c.create?.excludeCredentials;
      const twice = duplicates(entries(source).map((d) => d.id));
      return twice.length
        ? [
            {
              field: list,
              message: `${list} lists ${twice.map(String).join(', ')} more than once: the server joins credentials without deduplicating`,
            },
          ]
        : [];
    },
  })),
  {
    id: 'pub-key-cred-params-duplicate',
    severity: 'info',
    title: 'The same algorithm twice in pubKeyCredParams',
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-pubkeycredparams`,
    check: (c) => {
      const twice = duplicates(entries(c.create?.pubKeyCredParams).map((p) => p.alg));
      return twice.length
        ? [{ field: 'pubKeyCredParams', message: `pubKeyCredParams lists ${twice.join(', ')} more than once` }]
        : [];
    },
  },
  {
    id: 'hints-contradict-attachment',
    severity: 'warning',
    title: 'hints contradict authenticatorAttachment',
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-hints`,
    check: (c) => {
      const attachment = c.create?.authenticatorSelection?.authenticatorAttachment;
      const hints = Array.isArray(c.create?.hints) ? c.create.hints : [];
      const against = hints.filter(
        (h) => typeof h === 'string' && HINT_ATTACHMENT[h] && attachment && HINT_ATTACHMENT[h] !== attachment,
      );
      return against.length
        ? [
            {
              field: 'hints',
              message: `hints ${against.map((h) => `"${h}"`).join(', ')} point at ${attachment === 'platform' ? 'roaming' : 'platform'} authenticators, but authenticatorAttachment is "${attachment}": the attachment wins and the hint is wasted, or the user is offered nothing`,
            },
          ]
        : [];
    },
  },
  {
    id: 'attestation-formats-without-attestation',
    severity: 'warning',
    title: 'attestationFormats without attestation',
    spec: `${SPEC}#dom-publickeycredentialcreationoptions-attestationformats`,
    check: (c) => {
      const formats = c.create?.attestationFormats;
      const a = c.create?.attestation ?? 'none';
      return Array.isArray(formats) && formats.length > 0 && a === 'none'
        ? [
            {
              field: 'attestationFormats',
              message: `attestationFormats ${JSON.stringify(formats)} with attestation "${a}": the formats are ignored and the response carries no attestation; ask "direct" (or "enterprise") too`,
            },
          ]
        : [];
    },
  },
  {
    id: 'display-name-empty',
    severity: 'info',
    title: 'user.displayName empty',
    spec: `${SPEC}#dom-publickeycredentialuserentity-displayname`,
    check: (c) =>
      c.create?.user && c.create.user.displayName === ''
        ? [
            {
              field: 'user.displayName',
              message:
                'user.displayName is empty: account pickers show the passkey without a name a person recognises; give the name the user goes by',
            },
          ]
        : [],
  },
  {
    id: 'user-name-is-handle',
    severity: 'warning',
    title: 'user.name is the user handle',
    spec: `${SPEC}#dom-publickeycredentialentity-name`,
    check: (c) => {
      const u = c.create?.user;
      if (!u || typeof u.name !== 'string' || typeof u.id !== 'string' || u.name === '') return [];
      const id = fromBase64url(u.id);
      const same = u.name === u.id || (id.ok && text(id.value) === u.name);
      return same
        ? [
            {
              field: 'user.name',
              message: `user.name "${u.name}" is the user handle itself: people pick their passkey by this name, and a handle should be random, not shown`,
            },
          ]
        : [];
    },
  },
  {
    id: 'extension-input-type',
    severity: 'error',
    title: 'Extension input of the wrong type',
    spec: `${SPEC}#sctn-defined-extensions`,
    check: (c) => {
      const ext = (c.kind === 'create' ? c.create?.extensions : c.get?.extensions) as
        Record<string, unknown> | undefined;
      if (!ext || typeof ext !== 'object') return [];
      return EXTENSION_INPUT_TYPES.filter(([name, type]) => {
        const v = ext[name];
        return (
          v !== undefined &&
          (type === 'object' ? typeof v !== 'object' || v === null || Array.isArray(v) : typeof v !== type)
        );
      }).map(([name, , expected]) => ({
        field: `extensions.${name}`,
        message: `extensions.${name} is ${JSON.stringify(ext[name])}; it takes ${expected}: the browser converts or drops it, so the RP does not get what it asked`,
      }));
    },
  },
  {
    id: 'challenge-not-random',
    severity: 'error',
    title: 'Challenge does not look random',
    spec: `${SPEC}#sctn-cryptographic-challenges`,
    check: (c) => {
      const b = c.challengeBytes;
      if (!b || b.length < 8) return [];
      const constant = b.every((x) => x === b[0]);
      const counting = b.every((x, i) => i === 0 || x === ((b[i - 1]! + 1) & 0xff));
      return constant || counting
        ? [
            {
              field: 'challenge',
              message: `challenge is ${constant ? `${b.length} copies of one byte` : 'a counting sequence'}: it must come from a cryptographic random source, new for each ceremony`,
            },
          ]
        : [];
    },
  },
];
