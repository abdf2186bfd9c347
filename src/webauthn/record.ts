// A recorded ceremony: one call the page made, in the WebAuthn JSON form, plus who made it and when.
// This is what the hook sends, what the background stores, what the panel decodes and what a recording
// file holds. It is plain JSON: no ArrayBuffers, no class instances.

import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from './json.js';

/** `navigator.credentials` ceremonies. */
export type CeremonyCall = 'create' | 'get';

/** `PublicKeyCredential` statics the hook records, as the browser names them. */
export const STATIC_CALLS = [
  'isUserVerifyingPlatformAuthenticatorAvailable',
  'isConditionalMediationAvailable',
  'getClientCapabilities',
  'parseCreationOptionsFromJSON',
  'parseRequestOptionsFromJSON',
  'signalUnknownCredential',
  'signalAllAcceptedCredentials',
  'signalCurrentUserDetails',
] as const;
export type StaticCall = (typeof STATIC_CALLS)[number];

export type CeremonyKind = CeremonyCall | StaticCall;

export type CeremonyStatus = 'pending' | 'ok' | 'error' | 'aborted';

/** Who answered: the browser's own WebAuthn implementation, or this extension's mock authenticator. */
export type CeremonyMode = 'native' | 'mock';

export type Mediation = 'conditional' | 'silent' | 'optional' | 'required' | 'immediate';

export interface RecordedError {
  /** `DOMException.name` or the error's constructor name (`TypeError`). */
  name: string;
  message: string;
}

export const isRecordedError = (v: unknown): v is RecordedError =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as RecordedError).name === 'string' &&
  typeof (v as RecordedError).message === 'string';

/** { name, message } of anything thrown, for the wire and the log (DOMException.name is a prototype getter). */
export function recordedError(e: unknown): RecordedError {
  if (isRecordedError(e)) return { name: e.name, message: e.message };
  if (e && typeof e === 'object' && 'name' in e && 'message' in e) {
    return { name: String((e as { name: unknown }).name), message: String((e as { message: unknown }).message) };
  }
  return { name: 'UnknownError', message: String(e) };
}

export interface CeremonyRecord {
  /** Unique within a tab's log; stable from start to end of the call. */
  id: string;
  kind: CeremonyKind;
  mode: CeremonyMode;
  status: CeremonyStatus;

  // Who. `origin`, `tabId`, `frameId` are filled in by the background from the browser's sender info.
  tabId?: number;
  frameId?: number;
  /** Origin of the calling frame (from the browser, not from the page). */
  origin: string;
  /** URL of the calling frame's document. */
  url: string;
  /** Origin of the top-level document when the call came from a cross-origin frame. */
  topOrigin?: string;
  /** True when the calling frame is not same-origin with the top-level document. */
  crossOrigin: boolean;
  /** True when the call came from the top-level frame. */
  topLevel: boolean;
  /** First non-extension stack frame of the caller: "https://site/app.js:12:5". */
  caller?: string;

  // When: milliseconds since the Unix epoch (performance.timeOrigin + performance.now()).
  startTime: number;
  endTime?: number;

  // What was asked.
  /** create(): creation options JSON; get(): request options JSON; statics: their JSON-able argument. */
  options?: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON | unknown;
  mediation?: Mediation;
  /** Whether an AbortSignal was passed, and whether it fired. */
  signal?: { present: boolean; aborted: boolean; reason?: RecordedError };

  // What came back.
  /** create()/get(): the credential in JSON form. */
  response?: PublicKeyCredentialJSON;
  /** Statics: the JSON-able resolved value (a boolean, a capabilities map, parsed options as JSON). */
  result?: unknown;
  error?: RecordedError;
  /** The record was too big to keep whole (bytes of JSON): its options, response and result were dropped. */
  trimmed?: { bytes: number };
  /** An RP security test: the mock answered with this tampering (set by the worker, never by the page). */
  tampering?: AppliedTampering;
}

/** A tampering from the catalogue as applied to one answer: each change as field, before and after. */
export interface AppliedTampering {
  id: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  /** What the RP did with it, from the request that carried the response (absent until one is seen). */
  verdict?: TamperingVerdict;
}

/** The RP's answer to the request that carried a tampered response: accepted (2xx), refused, or unknown (null). */
export interface TamperingVerdict {
  accepted: boolean | null;
  url: string;
  method?: string;
  status?: number;
  error?: string;
}

export const RECORDING_FORMAT = 'webauthn-devtools-recording';
export const RECORDING_VERSION = 1;

/** A recording file: an exported log. */
export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: number;
  exportedAt: string;
  /** Where it came from, for the reader of a bug report ("https://example.com/login"). */
  source?: string;
  ceremonies: CeremonyRecord[];
}
