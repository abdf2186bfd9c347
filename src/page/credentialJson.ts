// A PublicKeyCredential as its WebAuthn JSON form: the browser's own toJSON() (captured at
// document_start) where it exists, otherwise built member by member as toJSON() would, from accessors
// captured at document_start too.
import * as N from './natives.js';
import { toJson, type Json } from './serialize.js';

const call = N.call;
type Fn = (this: unknown, ...a: unknown[]) => unknown;
/** [JSON member, interface, its member]; a getter or a method, whichever the interface defines. */
type Table = ReadonlyArray<readonly [string, string, string]>;

const CREDENTIAL: Table = [['id', 'Credential', 'id'], ['rawId', 'PublicKeyCredential', 'rawId'], ['type', 'Credential', 'type'],
  ['authenticatorAttachment', 'PublicKeyCredential', 'authenticatorAttachment'], ['clientExtensionResults', 'PublicKeyCredential', 'getClientExtensionResults']];
const ATTESTATION: Table = [['clientDataJSON', 'AuthenticatorResponse', 'clientDataJSON'], ['authenticatorData', 'AuthenticatorAttestationResponse', 'getAuthenticatorData'],
  ['transports', 'AuthenticatorAttestationResponse', 'getTransports'], ['publicKey', 'AuthenticatorAttestationResponse', 'getPublicKey'],
  ['publicKeyAlgorithm', 'AuthenticatorAttestationResponse', 'getPublicKeyAlgorithm'], ['attestationObject', 'AuthenticatorAttestationResponse', 'attestationObject']];
const ASSERTION: Table = [['clientDataJSON', 'AuthenticatorResponse', 'clientDataJSON'], ['authenticatorData', 'AuthenticatorAssertionResponse', 'authenticatorData'],
  ['signature', 'AuthenticatorAssertionResponse', 'signature'], ['userHandle', 'AuthenticatorAssertionResponse', 'userHandle'],
  ['attestationObject', 'AuthenticatorAssertionResponse', 'attestationObject']];

const iface = (name: string) => (N.window as unknown as Record<string, { prototype?: object } | undefined>)[name];
function accessor(name: string, member: string): Fn | undefined {
  const proto = iface(name)?.prototype;
  const d = proto ? N.getOwnPropertyDescriptor(proto, member) : undefined;
  return (d?.get ?? d?.value) as Fn | undefined;
}
const capture = (t: Table) => t.map(([key, name, member]) => [key, accessor(name, member)] as const);
const credentialMembers = capture(CREDENTIAL), attestationMembers = capture(ATTESTATION), assertionMembers = capture(ASSERTION);
const responseOf = accessor('PublicKeyCredential', 'response');
const nativeToJSON = accessor('PublicKeyCredential', 'toJSON');
const AttestationResponse = iface('AuthenticatorAttestationResponse') as (new () => object) | undefined;

function readAll(members: ReadonlyArray<readonly [string, Fn | undefined]>, self: unknown): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [key, fn] of members) {
    try {
      const v = fn ? toJson(call(fn, self, [])) : undefined;
      if (v !== undefined) out[key] = v;
    } catch {
      // A member this credential does not have.
    }
  }
  return out;
}

function byMembers(c: object): Json {
  let r: unknown;
  try {
    r = responseOf ? call(responseOf, c, []) : undefined;
  } catch {
    r = undefined;
  }
  const cred = readAll(credentialMembers, c);
  const isAttestation = !!(r && AttestationResponse && r instanceof AttestationResponse);
  return {
    rawId: cred.id ?? null, authenticatorAttachment: null, clientExtensionResults: {}, ...cred,
    response: r ? readAll(isAttestation ? attestationMembers : assertionMembers, r) : {},
  };
}

/** The credential's JSON form; non-credential results (a page-level polyfill's object) as plain JSON. */
export function credentialJson(c: unknown): Json | undefined {
  const PKC = N.PublicKeyCredential;
  if (c === null || typeof c !== 'object' || !PKC || !(c instanceof PKC)) return toJson(c);
  if (nativeToJSON) {
    try {
      return toJson(call(nativeToJSON, c, []));
    } catch {
      // A credential whose toJSON fails (an older browser, a mock object): read it member by member.
    }
  }
  return byMembers(c);
}
