// The decoded view of one recorded ceremony: everything the DevTools panel shows, already named as the
// spec names it, with every check. Sections that could not be decoded carry the error and the raw value,
// so the panel shows the problem next to the bytes instead of failing.
import type { AttestationStatementView } from './attestation/statement.js';
import type { AuthenticatorFlagInfo } from './authenticatorFlags.js';
import type { JsonValue } from './cborItem.js';
import type { Check } from './check.js';
import type { CollectedClientData } from './clientData.js';
import type { CoseKeyLabel } from './cose.js';
import type { CeremonyKind, CeremonyRecord, CeremonyStatus } from './record.js';
import type { DecodeError } from './result.js';

/** A decoded section, or why not and the raw text it came from. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: DecodeError; raw?: string };

/** Binary data three ways: base64url as it travels, hex as specs print it, and text where printable. */
export interface BinaryView {
  base64url: string;
  hex: string;
  utf8?: string;
  length: number;
}

export interface DescriptorView {
  type: string;
  id: BinaryView;
  transports?: string[];
}

export interface AlgorithmParamView {
  type: string;
  alg: number;
  name: string;
  description?: string;
  webCrypto: boolean;
}

export interface ResidentKeyView {
  residentKey?: string;
  requireResidentKey?: boolean;
  /** What the client acts on (§5.4.4): residentKey if present, else requireResidentKey ? required : discouraged. */
  effective: 'required' | 'preferred' | 'discouraged';
  explanation: string;
}

export interface CreationOptionsView {
  type: 'create';
  rp: { id?: string; name?: string };
  user: { id: BinaryView; name?: string; displayName?: string };
  challenge: BinaryView;
  pubKeyCredParams: AlgorithmParamView[];
  timeout?: number;
  excludeCredentials: DescriptorView[];
  authenticatorSelection?: {
    authenticatorAttachment?: string;
    userVerification?: string;
    residentKey: ResidentKeyView;
  };
  hints?: string[];
  attestation?: string;
  attestationFormats?: string[];
  extensions?: { [k: string]: JsonValue };
  /** Members the spec does not define. */
  other: { [k: string]: JsonValue };
}

export interface RequestOptionsView {
  type: 'get';
  challenge: BinaryView;
  timeout?: number;
  rpId?: string;
  allowCredentials: DescriptorView[];
  userVerification?: string;
  hints?: string[];
  extensions?: { [k: string]: JsonValue };
  other: { [k: string]: JsonValue };
}

export type OptionsView = CreationOptionsView | RequestOptionsView;

export interface ClientDataView {
  value: CollectedClientData;
  /** The challenge as bytes, for comparing with the options. */
  challenge?: BinaryView;
  checks: Check[];
}

export interface PublicKeyView {
  alg?: number;
  algName?: string;
  kty: string;
  crv?: string;
  /** Every COSE label, named. */
  cose: Array<{ label: number | string; name?: string; value: JsonValue }>;
  jwk?: JsonWebKey;
  pem?: string;
  /** Why JWK/PEM are missing, when they are. */
  conversionError?: string;
}

export interface AuthenticatorDataView {
  length: number;
  rpIdHash: string;
  /** The RP ID the hash was compared with, and whether it matched. */
  expectedRpId?: string;
  rpIdHashMatches?: boolean;
  flagsByte: number;
  flags: Array<AuthenticatorFlagInfo & { set: boolean }>;
  signCount: number;
  attestedCredentialData?: {
    aaguid: string;
    authenticatorName?: string;
    authenticatorIcon?: string;
    credentialId: BinaryView;
    publicKey: PublicKeyView;
  };
  extensions?: { [k: string]: JsonValue };
  checks: Check[];
}

export interface AttestationView {
  fmt: string;
  statement: AttestationStatementView;
  /** attestationObject members beyond fmt/attStmt/authData. */
  unknownMembers: string[];
}

export type KeySource = 'registration in this log' | 'mock authenticator' | 'supplied';

export interface AssertionView {
  signature: { der: string; r?: string; s?: string; length: number; parseError?: string };
  /** true / false when checked; undefined with `detail` saying why not (no key known, unsupported alg). */
  verified?: boolean;
  detail: string;
  keySource?: KeySource;
  keyAlg?: string;
  userHandle?: BinaryView;
  signCount: number;
  /** The last signCount seen for this credential earlier in the log. */
  previousSignCount?: number;
}

export interface ErrorView {
  name: string;
  message: string;
  hints: string[];
}

export interface CeremonySummary {
  rpId?: string;
  userName?: string;
  credentialId?: string;
  /** Browser or mock. */
  mode: string;
  durationMs?: number;
  /** 'ok', 'pending', 'aborted' or the error's name. */
  statusText: string;
}

export interface DecodedCeremony {
  id: string;
  kind: CeremonyKind;
  status: CeremonyStatus;
  record: CeremonyRecord;
  summary: CeremonySummary;
  options?: Section<OptionsView>;
  clientData?: Section<ClientDataView>;
  authenticatorData?: Section<AuthenticatorDataView>;
  attestation?: Section<AttestationView>;
  assertion?: Section<AssertionView>;
  /** Other members of the response: transports, publicKeyAlgorithm, authenticatorAttachment, clientExtensionResults. */
  responseExtras?: { [k: string]: JsonValue };
  error?: ErrorView;
  /** Static calls (isUserVerifyingPlatformAuthenticatorAvailable…): argument and result as recorded. */
  staticCall?: { argument?: JsonValue; result?: JsonValue };
  /** Every check of every section, in section order. */
  checks: Check[];
  /** Sections that could not be decoded. */
  decodeErrors: Array<{ section: string; error: DecodeError }>;
}

export type { CoseKeyLabel };
