// The checks a browser makes between converting the options and asking an authenticator, as Chromium makes
// them (third_party/blink/.../authentication_credentials_container.cc), in its order: each is a case and
// the exception it gives. The type errors before them are the browser's own (the page side runs its
// conversions); the RP ID and the authenticator's own refusals come after them.
import { fromBase64url } from '../webauthn/base64url.js';
import { isRecord } from '../webauthn/json.js';
import { ceremonyError, type CeremonyErrorName } from './errors.js';

/** Chromium's kPublicKeyCredentialDescriptorListMaxSize. */
export const MAX_DESCRIPTORS = 64;
/** Chromium's kMaxLargeBlobSize, for largeBlob.write. */
export const MAX_LARGE_BLOB_WRITE = 2048;
const MAX_USER_ID = 64;

interface ClientCheck {
  fails(o: Record<string, unknown>, ext: Record<string, unknown>): boolean;
  name: CeremonyErrorName;
  message: string;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const member = (v: unknown, k: string): unknown => (isRecord(v) ? v[k] : undefined);
const byteLength = (v: unknown): number => {
  if (typeof v !== 'string') return 0;
  const r = fromBase64url(v);
  return r.ok ? r.value.length : 0;
};
const isUrl = (v: unknown): boolean => {
  try {
    new URL(String(v));
    return true;
  } catch {
    return false;
  }
};
const invalidAppId = (v: unknown): boolean => v !== undefined && v !== '' && !isUrl(v);
/** A base64url key of evalByCredential decodes to a non-empty id (Chromium's own two checks). */
const badEvalKey = (k: string): boolean => {
  const r = fromBase64url(k);
  return !r.ok || r.value.length === 0;
};

const CREATE_CHECKS: readonly ClientCheck[] = [
  {
    fails: (o) => list(o.excludeCredentials).length > MAX_DESCRIPTORS,
    name: 'RangeError',
    message: `The \`excludeCredentials\` attribute exceeds the maximum allowed size (${MAX_DESCRIPTORS}).`,
  },
  {
    fails: (_, ext) => ext.appid !== undefined,
    name: 'NotSupportedError',
    message:
      "The 'appid' extension is only valid when requesting an assertion for a pre-existing credential that was registered using the legacy FIDO U2F API.",
  },
  {
    fails: (_, ext) => invalidAppId(ext.appidExclude),
    name: 'SyntaxError',
    message: 'The `appidExclude` extension value is neither empty/null nor a valid URL.',
  },
  {
    fails: (_, ext) => member(ext.largeBlob, 'read') !== undefined,
    name: 'NotSupportedError',
    message: "The 'largeBlob' extension's 'read' parameter is only valid when requesting an assertion",
  },
  {
    fails: (_, ext) => member(ext.largeBlob, 'write') !== undefined,
    name: 'NotSupportedError',
    message: "The 'largeBlob' extension's 'write' parameter is only valid when requesting an assertion",
  },
  {
    fails: (_, ext) => member(ext.prf, 'evalByCredential') !== undefined,
    name: 'NotSupportedError',
    message: "The 'evalByCredential' field cannot be set when creating a credential.",
  },
  {
    fails: (o) => byteLength(member(o.user, 'id')) > MAX_USER_ID,
    name: 'TypeError',
    message: `User handle exceeds ${MAX_USER_ID} bytes.`,
  },
];

const GET_CHECKS: readonly ClientCheck[] = [
  {
    fails: (o) => list(o.allowCredentials).length > MAX_DESCRIPTORS,
    name: 'RangeError',
    message: `The \`allowCredentials\` attribute exceeds the maximum allowed size (${MAX_DESCRIPTORS}).`,
  },
  {
    fails: (_, ext) => invalidAppId(ext.appid),
    name: 'SyntaxError',
    message: 'The `appid` extension value is neither empty/null nor a valid URL',
  },
  {
    fails: (_, ext) => ext.credProps === true,
    name: 'NotSupportedError',
    message: "The 'credProps' extension is only valid when creating a credential",
  },
  {
    fails: (_, ext) => member(ext.largeBlob, 'support') !== undefined,
    name: 'NotSupportedError',
    message: "The 'largeBlob' extension's 'support' parameter is only valid when creating a credential",
  },
  {
    fails: (_, ext) => byteLength(member(ext.largeBlob, 'write')) > MAX_LARGE_BLOB_WRITE,
    name: 'NotSupportedError',
    message: `The 'largeBlob' extension's 'write' parameter exceeds the maximum allowed size (2kb)`,
  },
  {
    fails: (o, ext) => member(ext.prf, 'evalByCredential') !== undefined && list(o.allowCredentials).length === 0,
    name: 'NotSupportedError',
    message: "'prf' extension has 'evalByCredential' with an empty allow list",
  },
  {
    fails: (_, ext) => {
      const byCredential = member(ext.prf, 'evalByCredential');
      return isRecord(byCredential) && Object.keys(byCredential).some(badEvalKey);
    },
    name: 'SyntaxError',
    message: "'prf' extension contains invalid base64url data or an empty credential ID in 'evalByCredential'",
  },
];

function runChecks(checks: readonly ClientCheck[], options: Record<string, unknown>): void {
  const ext = isRecord(options.extensions) ? options.extensions : {};
  const failed = checks.find((c) => c.fails(options, ext));
  if (failed) throw ceremonyError(failed.name, failed.message);
}

/** Throws the browser's error for create() options that fail a client check. */
export const checkCreationClient = (options: Record<string, unknown>): void => runChecks(CREATE_CHECKS, options);

/** Throws the browser's error for get() options that fail a client check. */
export const checkRequestClient = (options: Record<string, unknown>): void => runChecks(GET_CHECKS, options);
