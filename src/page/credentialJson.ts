// A PublicKeyCredential as its WebAuthn JSON form: the browser's own toJSON() (captured at
// document_start) where it exists, otherwise built member by member as toJSON() would, from accessors
// captured at document_start too.
import * as N from './natives.js';
import { toJson, type Json } from './serialize.js';

const call = N.call;
type Fn = (this: unknown, ...a: unknown[]) => unknown;
/** Interface → the members toJSON() reads from it, a getter or a method (getX gives JSON member x). */
type Table = Record<string, string>;

const CREDENTIAL: Table = {
  Credential: 'id type',
  PublicKeyCredential: 'rawId authenticatorAttachment getClientExtensionResults',
};
const ATTESTATION: Table = {
  AuthenticatorResponse: 'clientDataJSON',
  AuthenticatorAttestationResponse:
    'getAuthenticatorData getTransports getPublicKey getPublicKeyAlgorithm attestationObject',
};
const ASSERTION: Table = {
  AuthenticatorResponse: 'clientDataJSON',
  AuthenticatorAssertionResponse: 'authenticatorData signature userHandle attestationObject',
};

const iface = (name: string) => (N.window as unknown as Record<string, { prototype?: object } | undefined>)[name];
function accessor(name: string, member: string): Fn | undefined {
  const proto = iface(name)?.prototype;
  const d = proto ? N.getOwnPropertyDescriptor(proto, member) : undefined;
  return (d?.get ?? d?.value) as Fn | undefined;
}
const jsonName = (member: string) => member.replace(/^get(.)/, (_, c: string) => c.toLowerCase());
const capture = (t: Table) =>
  Object.entries(t).flatMap(([name, members]) =>
    members.split(' ').map((m) => [jsonName(m), accessor(name, m)] as const),
  );
const credentialMembers = capture(CREDENTIAL),
  attestationMembers = capture(ATTESTATION),
  assertionMembers = capture(ASSERTION);
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
    rawId: cred.id ?? null,
    authenticatorAttachment: null,
    clientExtensionResults: {},
    ...cred,
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
