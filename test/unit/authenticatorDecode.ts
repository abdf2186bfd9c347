// Small decoding helpers for authenticator tests (cbor-x reads what the authenticator wrote).
import { decode } from 'cbor-x';
import type { PublicKeyCredentialJSON } from '../../src/webauthn/json.js';

export function attestationObject(reg: PublicKeyCredentialJSON): {
  fmt: string;
  attStmt: Record<string, unknown>;
  authData: Uint8Array;
} {
  return decode(Buffer.from(String(reg.response.attestationObject), 'base64url'));
}

export const decodeAttestationFmt = (reg: PublicKeyCredentialJSON): string => attestationObject(reg).fmt;

/** flags byte and sign count of authenticator data (base64url). */
export function authDataHead(b64: string): { flags: number; signCount: number } {
  const b = Buffer.from(b64, 'base64url');
  return { flags: b[32]!, signCount: b.readUInt32BE(33) };
}
