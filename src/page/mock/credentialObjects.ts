// Credentials the mock answered, built as objects that behave like the browser's own: instanceof
// PublicKeyCredential and the response interfaces, members reached through the prototypes (prototypeAnswers.ts),
// ArrayBuffers where the browser gives them, the same ArrayBuffer on each read of an attribute, toJSON().
import type { PublicKeyCredentialJSON } from '../../webauthn/json.js';
import * as N from '../natives.js';
import { answeringObject } from './prototypeAnswers.js';
import * as M from './mockNatives.js';
import { base64urlToBuffer } from './base64urlDecode.js';

const buffer = (b64: unknown): ArrayBuffer | null => (typeof b64 === 'string' ? base64urlToBuffer(b64) : null);
/** A getter that hands out the same ArrayBuffer each time, as the browser's [SameObject] attributes do. */
const same = (b64: unknown) => {
  const b = buffer(b64);
  return () => b;
};
const copy = <T>(v: T): T => (v === undefined ? v : (M.parseJson(M.stringifyJson(v)) as T));
/** A copy with each dictionary's keys in code-unit order, the order WebIDL converts a dictionary to an object. */
function dictionaryCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (N.isArray(v)) return copy(v);
  const out: Record<string, unknown> = {};
  const source = v as Record<string, unknown>;
  for (const k of M.sort(N.keys(source))) out[k] = dictionaryCopy(source[k]);
  return out;
}

/** Client extension outputs with their binary members as ArrayBuffers (prf results, largeBlob.blob, getCredBlob). */
function extensionResults(r: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = copy(r ?? {}) as Record<string, { results?: Record<string, unknown>; blob?: unknown }>;
  if (typeof out.getCredBlob === 'string') out.getCredBlob = buffer(out.getCredBlob) as never;
  const prf = out.prf?.results;
  if (prf) for (const k of N.keys(prf)) prf[k] = buffer(prf[k]);
  if (out.largeBlob && typeof out.largeBlob.blob === 'string') out.largeBlob.blob = buffer(out.largeBlob.blob);
  return out;
}

export function credentialFromJSON(
  json: PublicKeyCredentialJSON,
  clientExtensionResults?: Record<string, unknown>,
): PublicKeyCredential {
  const r = json.response as Record<string, unknown>;
  const isAssertion = typeof r.signature === 'string';
  const response = isAssertion
    ? answeringObject('AuthenticatorAssertionResponse', {
        clientDataJSON: same(r.clientDataJSON),
        authenticatorData: same(r.authenticatorData),
        signature: same(r.signature),
        userHandle: same(r.userHandle),
        attestationObject: same(r.attestationObject),
      })
    : answeringObject('AuthenticatorAttestationResponse', {
        clientDataJSON: same(r.clientDataJSON),
        attestationObject: same(r.attestationObject),
        // Methods return fresh copies, as the browser's do.
        getTransports: () => copy((r.transports as string[] | undefined) ?? []),
        getAuthenticatorData: () => buffer(r.authenticatorData),
        getPublicKey: () => buffer(r.publicKey),
        getPublicKeyAlgorithm: () => r.publicKeyAlgorithm,
      });
  const results = clientExtensionResults ?? json.clientExtensionResults;
  return answeringObject('PublicKeyCredential', {
    id: () => json.id,
    rawId: same(json.rawId),
    type: () => 'public-key',
    authenticatorAttachment: () => json.authenticatorAttachment ?? null,
    response: () => response,
    getClientExtensionResults: () => extensionResults(results),
    toJSON: () => dictionaryCopy(json),
  }) as PublicKeyCredential;
}
