// Credentials the mock answered, built as objects that behave like the browser's own: instanceof
// PublicKeyCredential and the response interfaces, every member defined on the object itself (reaching the
// native getters would throw "Illegal invocation"), ArrayBuffers where the browser gives them, toJSON().
// Members are non-enumerable, as on the browser's objects, whose members live on prototypes.
import type { PublicKeyCredentialJSON } from '../../webauthn/json.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
import { base64urlToBuffer } from '../base64url.js';

type Members = Record<string, { get?: () => unknown; value?: unknown }>;
const iface = (name: string) =>
  (N.window as unknown as Record<string, { prototype: object } | undefined>)[name]?.prototype ?? Object.prototype;
const PROTOS = {
  credential: iface('PublicKeyCredential'),
  attestation: iface('AuthenticatorAttestationResponse'),
  assertion: iface('AuthenticatorAssertionResponse'),
};

function build(proto: object, members: Members): object {
  const o = M.objectCreate(proto) as object;
  for (const k of N.keys(members)) {
    const m = members[k]!;
    N.defineProperty(
      o,
      k,
      m.get
        ? { get: m.get, enumerable: false, configurable: true }
        : { value: m.value, enumerable: false, configurable: true, writable: false },
    );
  }
  return o;
}

const buffer = (b64: unknown): ArrayBuffer | null => (typeof b64 === 'string' ? base64urlToBuffer(b64) : null);
/** A getter that hands out the same ArrayBuffer each time, as the browser's [SameObject] attributes do. */
const same = (b64: unknown) => {
  const b = buffer(b64);
  return { get: () => b };
};
/** Methods return fresh copies, as the browser's do. */
const named = (name: string, f: () => unknown) => ({
  value: {
    [name]() {
      return f();
    },
  }[name],
});
const copy = <T>(v: T): T => (v === undefined ? v : (M.parseJson(M.stringifyJson(v)) as T));

/** Client extension outputs with their binary members as ArrayBuffers (prf results, largeBlob.blob). */
function extensionResults(r: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = copy(r ?? {}) as Record<string, { results?: Record<string, unknown>; blob?: unknown }>;
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
    ? build(PROTOS.assertion, {
        clientDataJSON: same(r.clientDataJSON),
        authenticatorData: same(r.authenticatorData),
        signature: same(r.signature),
        userHandle: same(r.userHandle),
        attestationObject: same(r.attestationObject),
      })
    : build(PROTOS.attestation, {
        clientDataJSON: same(r.clientDataJSON),
        attestationObject: same(r.attestationObject),
        getTransports: named('getTransports', () => copy((r.transports as string[] | undefined) ?? [])),
        getAuthenticatorData: named('getAuthenticatorData', () => buffer(r.authenticatorData)),
        getPublicKey: named('getPublicKey', () => buffer(r.publicKey)),
        getPublicKeyAlgorithm: named('getPublicKeyAlgorithm', () => r.publicKeyAlgorithm),
      });
  const results = clientExtensionResults ?? json.clientExtensionResults;
  return build(PROTOS.credential, {
    id: { get: () => json.id },
    rawId: same(json.rawId),
    type: { get: () => 'public-key' },
    authenticatorAttachment: { get: () => json.authenticatorAttachment ?? null },
    response: { get: () => response },
    getClientExtensionResults: named('getClientExtensionResults', () => extensionResults(results)),
    toJSON: named('toJSON', () => copy(json)),
  }) as PublicKeyCredential;
}
