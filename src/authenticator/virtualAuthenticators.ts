// Virtual authenticators for test suites, named and shaped as the WebAuthn specification's "Automation"
// section names them (§11, WebDriver extension commands): their options and credential parameters, checked
// field by field; the mock's profile each one is; and the choice of authenticator for a ceremony, as a
// browser picks among several.
import { ALL_ALGORITHMS, type AttestationKind, type AuthenticatorProfile, type SignCountPolicy } from '../messages.js';
import { fromBase64url } from '../webauthn/base64url.js';
import { isRecord } from '../webauthn/json.js';

/** Every virtual authenticator's id (and its profile's) starts so. */
export const VIRTUAL_ID_PREFIX = 'va-';

export const PROTOCOLS = ['ctap2', 'ctap2_1', 'ctap1/u2f'] as const;
export const TRANSPORTS = ['usb', 'nfc', 'ble', 'internal', 'hybrid', 'smart-card'] as const;
/** Extension identifiers an authenticator may list, and the profile switch each one turns on. */
const EXTENSIONS = {
  prf: 'prf',
  largeBlob: 'largeBlob',
  credProtect: 'credProtect',
  minPinLength: 'minPinLength',
  credBlob: 'credBlob',
} as const;
const ATTESTATIONS: readonly AttestationKind[] = ['none', 'packed-self', 'packed-x5c'];
const SIGN_COUNT_POLICIES: readonly SignCountPolicy[] = ['increment', 'zero', 'fixed'];
const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

export interface VirtualAuthenticatorOptions {
  protocol: (typeof PROTOCOLS)[number];
  transport: (typeof TRANSPORTS)[number];
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  isUserConsenting: boolean;
  isUserVerified: boolean;
  extensions: string[];
  defaultBackupEligibility: boolean;
  defaultBackupState: boolean;
  /** Beyond the specification: COSE algorithms it makes keys for, in its order of preference. */
  algorithms: number[];
  /** Beyond the specification: the statement it gives when the RP asks for attestation. */
  attestation: AttestationKind;
  aaguid: string;
  signCountPolicy: SignCountPolicy;
}

/** A credential as the specification's Add Credential and Get Credentials carry it (binary as base64url). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  /** PKCS#8, base64url. */
  privateKey: string;
  userHandle?: string;
  signCount: number;
  largeBlob?: string;
  backupEligibility?: boolean;
  backupState?: boolean;
  userName?: string;
  userDisplayName?: string;
}

export type CredentialProperties = Partial<Pick<VirtualCredential, 'backupEligibility' | 'backupState' | 'signCount'>>;

/** A wrong automation argument: the error names the field. */
export class AutomationArgumentError extends TypeError {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'TypeError';
  }
}

type Check = (v: unknown) => string | undefined;
interface Field {
  check: Check;
  /** Absent means the field is required. */
  default?: () => unknown;
}

const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
const base64url: Check = (v) =>
  typeof v === 'string' && fromBase64url(v).ok ? undefined : 'must be a base64url string';
const text: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const uint32: Check = (v) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff ? undefined : 'must be an integer 0–2³²−1';
const uuid: Check = (v) =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
    ? undefined
    : 'must be a UUID';
const listOf =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return 'must be a list';
    for (const [i, x] of v.entries()) {
      const problem = item(x);
      if (problem) return `[${i}] ${problem}`;
    }
    return undefined;
  };

const AUTHENTICATOR_FIELDS: Record<keyof VirtualAuthenticatorOptions, Field> = {
  protocol: { check: oneOf(PROTOCOLS) },
  transport: { check: oneOf(TRANSPORTS) },
  hasResidentKey: { check: bool, default: () => false },
  hasUserVerification: { check: bool, default: () => false },
  isUserConsenting: { check: bool, default: () => true },
  isUserVerified: { check: bool, default: () => false },
  extensions: { check: listOf(oneOf(Object.keys(EXTENSIONS))), default: () => [] },
  defaultBackupEligibility: { check: bool, default: () => false },
  defaultBackupState: { check: bool, default: () => false },
  algorithms: {
    check: listOf((a) => (ALL_ALGORITHMS.includes(a as number) ? undefined : `must be one of ${ALL_ALGORITHMS}`)),
    default: () => [...ALL_ALGORITHMS],
  },
  attestation: { check: oneOf(ATTESTATIONS), default: () => 'packed-self' },
  aaguid: { check: uuid, default: () => ZERO_AAGUID },
  signCountPolicy: { check: oneOf(SIGN_COUNT_POLICIES), default: () => 'increment' },
};

const CREDENTIAL_FIELDS: Record<keyof VirtualCredential, Field> = {
  credentialId: {
    check: (v) => base64url(v) ?? (fromBase64url(v as string).ok && (v as string).length > 0 ? undefined : 'is empty'),
  },
  isResidentCredential: { check: bool },
  rpId: { check: (v) => text(v) ?? ((v as string).length ? undefined : 'is empty') },
  privateKey: { check: base64url },
  userHandle: { check: base64url, default: () => undefined },
  signCount: { check: uint32 },
  largeBlob: { check: base64url, default: () => undefined },
  backupEligibility: { check: bool, default: () => undefined },
  backupState: { check: bool, default: () => undefined },
  userName: { check: text, default: () => undefined },
  userDisplayName: { check: text, default: () => undefined },
};

const PROPERTY_FIELDS: Record<keyof CredentialProperties, Field> = {
  backupEligibility: { check: bool, default: () => undefined },
  backupState: { check: bool, default: () => undefined },
  signCount: { check: uint32, default: () => undefined },
};

/** The fields of `input` checked against `fields`: unknown ones and wrong values throw, naming the field. */
function parseFields<T>(input: unknown, fields: Record<string, Field>, what: string): T {
  if (!isRecord(input)) throw new AutomationArgumentError(what, 'must be an object');
  for (const k of Object.keys(input))
    if (!Object.hasOwn(fields, k)) throw new AutomationArgumentError(`${what}.${k}`, 'is not a known field');
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) {
    const v = input[k];
    if (v === undefined) {
      if (!f.default) throw new AutomationArgumentError(`${what}.${k}`, 'is required');
      const d = f.default();
      if (d !== undefined) out[k] = d;
      continue;
    }
    const problem = f.check(v);
    if (problem) throw new AutomationArgumentError(`${what}.${k}`, problem);
    out[k] = v;
  }
  return out as T;
}

export const parseAuthenticatorOptions = (input: unknown): VirtualAuthenticatorOptions => {
  const o = parseFields<VirtualAuthenticatorOptions>(input, AUTHENTICATOR_FIELDS, 'options');
  if (o.defaultBackupState && !o.defaultBackupEligibility)
    throw new AutomationArgumentError('options.defaultBackupState', 'needs defaultBackupEligibility');
  return o;
};

export const parseVirtualCredential = (input: unknown): VirtualCredential => {
  const c = parseFields<VirtualCredential>(input, CREDENTIAL_FIELDS, 'credential');
  if (c.isResidentCredential && c.userHandle === undefined)
    throw new AutomationArgumentError('credential.userHandle', 'is required for a resident credential');
  return c;
};

export const parseCredentialProperties = (input: unknown): CredentialProperties =>
  parseFields<CredentialProperties>(input, PROPERTY_FIELDS, 'properties');

/** The mock profile a virtual authenticator is. Its id is the authenticator's id, which its credentials carry. */
export function virtualProfile(authenticatorId: string, o: VirtualAuthenticatorOptions): AuthenticatorProfile {
  const u2f = o.protocol === 'ctap1/u2f';
  const has = (e: keyof typeof EXTENSIONS) => !u2f && o.extensions.includes(e);
  return {
    id: authenticatorId,
    name: `Virtual authenticator ${authenticatorId}`,
    aaguid: o.aaguid,
    attachment: o.transport === 'internal' ? 'platform' : 'cross-platform',
    transports: [o.transport],
    residentKeys: !u2f && o.hasResidentKey,
    alwaysDiscoverable: false,
    nonResidentMayBeDiscoverable: o.protocol === 'ctap2' && o.hasResidentKey,
    // It verifies the user only if it can and the test says the user passes (setUserVerified).
    userVerification: !u2f && o.hasUserVerification && o.isUserVerified,
    signCount: { policy: o.signCountPolicy, value: 0 },
    backupEligible: o.defaultBackupEligibility,
    backupState: o.defaultBackupEligibility && o.defaultBackupState,
    attestation: o.attestation,
    algorithms: u2f ? [-7] : o.algorithms,
    extensions: {
      prf: has('prf'),
      largeBlob: has('largeBlob'),
      credProtect: has('credProtect'),
      minPinLength: has('minPinLength'),
      credBlob: has('credBlob'),
    },
    minPinLength: 4,
  };
}

export interface VirtualAuthenticator {
  authenticatorId: string;
  options: VirtualAuthenticatorOptions;
  /** An RP security test: the tampering its next ceremony of that kind applies (tamperNext). */
  tamperNext?: { id: string; ceremony: 'create' | 'get' };
}

/** The transports each hint points at (WebAuthn L3 §5.8.7). */
const HINT_TRANSPORTS: Record<string, readonly string[]> = {
  'security-key': ['usb', 'nfc', 'ble', 'smart-card'],
  'client-device': ['internal'],
  hybrid: ['hybrid'],
};

/** What a ceremony needs of an authenticator, read from its options. */
export function ceremonyNeeds(
  kind: 'create' | 'get',
  options: unknown,
): {
  residentKey: boolean;
  userVerification: boolean;
  attachment?: string;
  hints: string[];
} {
  const o = isRecord(options) ? options : {};
  const sel = isRecord(o.authenticatorSelection) ? o.authenticatorSelection : {};
  const hints = Array.isArray(o.hints)
    ? o.hints.filter((h): h is string => typeof h === 'string' && h in HINT_TRANSPORTS)
    : [];
  if (kind === 'create') {
    return {
      residentKey: sel.residentKey === 'required' || (sel.residentKey === undefined && sel.requireResidentKey === true),
      userVerification: sel.userVerification === 'required',
      ...(typeof sel.authenticatorAttachment === 'string' ? { attachment: sel.authenticatorAttachment } : {}),
      hints,
    };
  }
  const allow = Array.isArray(o.allowCredentials) ? o.allowCredentials : [];
  return { residentKey: allow.length === 0, userVerification: o.userVerification === 'required', hints };
}

type Needs = ReturnType<typeof ceremonyNeeds>;

/** Whether the RP's attachment lets a browser offer the authenticator at all. */
function attachable(o: VirtualAuthenticatorOptions, need: Needs): boolean {
  const platform = o.transport === 'internal';
  if (need.attachment === 'platform') return platform;
  if (need.attachment === 'cross-platform') return !platform;
  return true;
}

/** Whether the authenticator can make or use the credential the ceremony asks for. */
function capable(o: VirtualAuthenticatorOptions, need: Needs): boolean {
  const u2f = o.protocol === 'ctap1/u2f';
  if (need.residentKey && (u2f || !o.hasResidentKey)) return false;
  if (need.userVerification && (u2f || !o.hasUserVerification)) return false;
  return true;
}

/**
 * The authenticator that answers: the first whose capabilities satisfy the ceremony (resident key, user
 * verification, attachment), preferring those the RP's first matching hint points at; for get(), among
 * those that hold a credential for it (`holds`), as the authenticator with the credential is the one that
 * answers a browser. Undefined when none can.
 */
export function chooseVirtualAuthenticator(
  authenticators: readonly VirtualAuthenticator[],
  kind: 'create' | 'get',
  options: unknown,
  holds: (authenticatorId: string) => boolean = () => true,
): VirtualAuthenticator | undefined {
  const need = ceremonyNeeds(kind, options);
  const able = authenticators.filter(({ options: o }) => attachable(o, need) && capable(o, need));
  const holding = kind === 'get' ? able.filter((a) => holds(a.authenticatorId)) : able;
  const pool = holding.length ? holding : able;
  for (const hint of need.hints) {
    const hinted = pool.find((a) => HINT_TRANSPORTS[hint]!.includes(a.options.transport));
    if (hinted) return hinted;
  }
  return pool[0];
}

/**
 * When none can answer: the one a browser offers anyway, whose user touches it (isUserConsenting) and which
 * then reports it lacks a resident key or user verification. Chromium fails the ceremony at that touch,
 * at once; an authenticator of the wrong attachment is never offered, and the browser waits out the timeout.
 */
export function touchedButIncapable(
  authenticators: readonly VirtualAuthenticator[],
  kind: 'create' | 'get',
  options: unknown,
): VirtualAuthenticator | undefined {
  const need = ceremonyNeeds(kind, options);
  return authenticators.find(({ options: o }) => o.isUserConsenting && attachable(o, need) && !capable(o, need));
}
