// The prf extension as a CTAP2 authenticator implements it with hmac-secret (WebAuthn L3 §10.1.4):
// salt = SHA-256("WebAuthn PRF" ‖ 0x00 ‖ input), output = HMAC-SHA-256(per-credential secret, salt).
// Deterministic per credential and input, as RPs deriving keys from it need.
import { concatBytes, sha256, toArrayBuffer, utf8Encode } from '../webauthn/bytes.js';

const PRF_CONTEXT = concatBytes(utf8Encode('WebAuthn PRF'), new Uint8Array([0]));

export async function prfSalt(input: Uint8Array): Promise<Uint8Array> {
  return sha256(concatBytes(PRF_CONTEXT, input));
}

export async function evaluatePrf(secret: Uint8Array, input: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', toArrayBuffer(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, toArrayBuffer(await prfSalt(input))));
}
