// The binary → JSON direction of the WebAuthn JSON forms (what PublicKeyCredential.toJSON() does), for tests
// that build values in binary and check that src/webauthn/options.ts reads them back. The extension itself
// only ever reads JSON.
import { toBase64url } from '../../src/webauthn/base64url.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '../../src/webauthn/json.js';
import {
  BINARY_EXTENSION_INPUTS,
  BINARY_EXTENSION_OUTPUTS,
  bufferSourceBytes,
  isBufferSource,
  isMembers,
  mapPaths,
  type AuthenticationResponse,
  type Conv,
  type CreationOptions,
  type RegistrationResponse,
  type RequestOptions,
} from '../../src/webauthn/options.js';
import { ok } from '../../src/webauthn/result.js';

type Obj = Record<string, unknown>;

/** base64url for any BufferSource; anything else is returned as it is. */
const enc = (v: unknown): unknown => (isBufferSource(v) ? toBase64url(bufferSourceBytes(v)) : v);
const encConv: Conv = (v) => ok(enc(v));

const descriptorsToJSON = (v: unknown): unknown =>
  Array.isArray(v) ? v.map((d) => (isMembers(d) ? { ...d, id: enc(d.id) } : d)) : v;

function extensionsToJSON(v: unknown, paths: readonly string[]): unknown {
  const r = mapPaths(v, paths, encConv, 'extensions');
  return r.ok ? r.value : v;
}

export function creationOptionsToJSON(
  opts: CreationOptions<BufferSource | Uint8Array>,
): PublicKeyCredentialCreationOptionsJSON {
  const out: Obj = { ...opts, challenge: enc(opts.challenge) };
  if (isMembers(opts.user)) out.user = { ...opts.user, id: enc(opts.user.id) };
  if (opts.excludeCredentials !== undefined) out.excludeCredentials = descriptorsToJSON(opts.excludeCredentials);
  if (opts.extensions !== undefined) out.extensions = extensionsToJSON(opts.extensions, BINARY_EXTENSION_INPUTS);
  return out as PublicKeyCredentialCreationOptionsJSON;
}

export function requestOptionsToJSON(
  opts: RequestOptions<BufferSource | Uint8Array>,
): PublicKeyCredentialRequestOptionsJSON {
  const out: Obj = { ...opts, challenge: enc(opts.challenge) };
  if (opts.allowCredentials !== undefined) out.allowCredentials = descriptorsToJSON(opts.allowCredentials);
  if (opts.extensions !== undefined) out.extensions = extensionsToJSON(opts.extensions, BINARY_EXTENSION_INPUTS);
  return out as PublicKeyCredentialRequestOptionsJSON;
}

function clientExtensionResultsToJSON(v: unknown): Record<string, unknown> {
  return (isMembers(v) ? extensionsToJSON(v, BINARY_EXTENSION_OUTPUTS) : {}) as Record<string, unknown>;
}

function binaryMembers(o: Obj, keys: readonly string[]): Obj {
  const out: Obj = { ...o };
  for (const k of keys) {
    if (out[k] === undefined) delete out[k];
    else if (out[k] !== null) out[k] = enc(out[k]);
  }
  return out;
}

export function registrationResponseToJSON(
  r: RegistrationResponse<BufferSource | Uint8Array>,
): RegistrationResponseJSON {
  const response = binaryMembers(r.response, ['clientDataJSON', 'attestationObject', 'authenticatorData', 'publicKey']);
  if (response.publicKey === null) delete response.publicKey;
  return {
    id: r.id,
    rawId: enc(r.rawId) as string,
    type: r.type,
    ...(r.authenticatorAttachment === undefined ? {} : { authenticatorAttachment: r.authenticatorAttachment }),
    response: response as RegistrationResponseJSON['response'],
    clientExtensionResults: clientExtensionResultsToJSON(r.clientExtensionResults),
  };
}

export function authenticationResponseToJSON(
  r: AuthenticationResponse<BufferSource | Uint8Array>,
): AuthenticationResponseJSON {
  const response = binaryMembers(r.response, [
    'clientDataJSON',
    'authenticatorData',
    'signature',
    'userHandle',
    'attestationObject',
  ]);
  if (response.userHandle === null) delete response.userHandle;
  return {
    id: r.id,
    rawId: enc(r.rawId) as string,
    type: r.type,
    ...(r.authenticatorAttachment === undefined ? {} : { authenticatorAttachment: r.authenticatorAttachment }),
    response: response as AuthenticationResponseJSON['response'],
    clientExtensionResults: clientExtensionResultsToJSON(r.clientExtensionResults),
  };
}
