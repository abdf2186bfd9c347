// A PublicKeyCredential as its WebAuthn JSON form: the browser's own toJSON() (captured at
// document_start) where it exists, otherwise built member by member as toJSON() would.
import { call, natives as N } from './natives.js';
import { toJson, type Json } from './serialize.js';

type Fn = (this: unknown, ...a: unknown[]) => unknown;
const PKC = N.PublicKeyCredential;
const proto = (name: string): Record<string, unknown> | undefined => (N.window as unknown as Record<string, { prototype?: Record<string, unknown> }>)[name]?.prototype;
const own = (p: Record<string, unknown> | undefined, k: string) => (p ? N.getOwnPropertyDescriptor(p, k) : undefined);

const nativeToJSON = own(PKC?.prototype as Record<string, unknown> | undefined, 'toJSON')?.value as Fn | undefined;
const g = (p: string, k: string): Fn | undefined => own(proto(p), k)?.get as Fn | undefined;
const m = (p: string, k: string): Fn | undefined => own(proto(p), k)?.value as Fn | undefined;
const members = {
  id: g('Credential', 'id'), type: g('Credential', 'type'), rawId: g('PublicKeyCredential', 'rawId'),
  attachment: g('PublicKeyCredential', 'authenticatorAttachment'), response: g('PublicKeyCredential', 'response'),
  extensions: m('PublicKeyCredential', 'getClientExtensionResults'),
  clientDataJSON: g('AuthenticatorResponse', 'clientDataJSON'),
  attestationObject: g('AuthenticatorAttestationResponse', 'attestationObject'),
  transports: m('AuthenticatorAttestationResponse', 'getTransports'), publicKey: m('AuthenticatorAttestationResponse', 'getPublicKey'),
  publicKeyAlgorithm: m('AuthenticatorAttestationResponse', 'getPublicKeyAlgorithm'), authenticatorData: m('AuthenticatorAttestationResponse', 'getAuthenticatorData'),
  assertionAuthData: g('AuthenticatorAssertionResponse', 'authenticatorData'), signature: g('AuthenticatorAssertionResponse', 'signature'),
  userHandle: g('AuthenticatorAssertionResponse', 'userHandle'),
};
const AttestationResponse = (N.window as unknown as Record<string, unknown>).AuthenticatorAttestationResponse as (new () => object) | undefined;

function read(fn: Fn | undefined, self: unknown): Json | undefined {
  if (!fn) return undefined;
  try {
    return toJson(call(fn, self, []));
  } catch {
    return undefined;
  }
}

function byMembers(c: object): Json {
  const r = read(members.response, c) === undefined ? undefined : (call(members.response!, c, []) as object);
  const isAttestation = !!(r && AttestationResponse && r instanceof AttestationResponse);
  const response: { [k: string]: Json } = {};
  const put = (k: string, v: Json | undefined) => { if (v !== undefined) response[k] = v; };
  put('clientDataJSON', read(members.clientDataJSON, r));
  if (isAttestation) {
    put('authenticatorData', read(members.authenticatorData, r));
    put('transports', read(members.transports, r));
    put('publicKey', read(members.publicKey, r));
    put('publicKeyAlgorithm', read(members.publicKeyAlgorithm, r));
    put('attestationObject', read(members.attestationObject, r));
  } else {
    put('authenticatorData', read(members.assertionAuthData, r));
    put('signature', read(members.signature, r));
    put('userHandle', read(members.userHandle, r));
    put('attestationObject', read(members.attestationObject, r));
  }
  const id = read(members.id, c);
  return {
    id: id ?? null, rawId: read(members.rawId, c) ?? id ?? null, type: read(members.type, c) ?? 'public-key',
    authenticatorAttachment: read(members.attachment, c) ?? null, response, clientExtensionResults: read(members.extensions, c) ?? {},
  };
}

/** The credential's JSON form; non-credential results (a page-level polyfill's object) as plain JSON. */
export function credentialJson(c: unknown): Json | undefined {
  if (c === null || typeof c !== 'object') return toJson(c);
  if (nativeToJSON && PKC && c instanceof PKC) {
    try {
      return toJson(call(nativeToJSON, c, []));
    } catch {
      // A credential whose toJSON fails (a mock object, an older browser): read it member by member.
    }
  }
  return PKC && c instanceof PKC ? byMembers(c) : toJson(c);
}
