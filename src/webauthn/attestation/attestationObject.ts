// The attestation object (§6.5.4): a CBOR map { "fmt": tstr, "attStmt": map, "authData": bstr }.
import { decodeAuthenticatorData, type AuthenticatorData } from '../authenticatorData.js';
import { decodeCbor } from '../cborItem.js';
import { fail, ok, within, type Decoded } from '../result.js';

export interface AttestationObject {
  fmt: string;
  attStmt: Map<unknown, unknown>;
  authDataBytes: Uint8Array;
  authData: Decoded<AuthenticatorData>;
  /** Members beyond the three the spec defines, by name. */
  unknownMembers: string[];
}

const MEMBERS = ['fmt', 'attStmt', 'authData'];

export function decodeAttestationObject(bytes: Uint8Array): Decoded<AttestationObject> {
  const cbor = decodeCbor(bytes);
  if (!cbor.ok) return within('attestationObject', cbor);
  const m = cbor.value;
  if (!(m instanceof Map)) return fail('attestationObject is not a CBOR map', 0, 'attestationObject');
  const fmt = m.get('fmt'),
    attStmt = m.get('attStmt'),
    authData = m.get('authData');
  if (typeof fmt !== 'string') return fail('fmt is missing or not a text string', undefined, 'attestationObject.fmt');
  if (!(attStmt instanceof Map)) return fail('attStmt is missing or not a map', undefined, 'attestationObject.attStmt');
  if (!(authData instanceof Uint8Array))
    return fail('authData is missing or not a byte string', undefined, 'attestationObject.authData');
  return ok({
    fmt,
    attStmt,
    authDataBytes: authData,
    authData: within('attestationObject.authData', decodeAuthenticatorData(authData)),
    unknownMembers: [...m.keys()].map(String).filter((k) => !MEMBERS.includes(k)),
  });
}
