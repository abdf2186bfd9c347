// Authenticator data as an authenticator writes it (WebAuthn L3 §6.1): rpIdHash ‖ flags ‖ signCount ‖
// [attested credential data] ‖ [extensions].
import { AUTHENTICATOR_FLAGS, type AuthenticatorFlagName } from '../webauthn/authenticatorFlags.js';
import { concatBytes, sha256, utf8Encode } from '../webauthn/bytes.js';
import { encodeCbor } from './cbor.js';

const MASK = Object.fromEntries(AUTHENTICATOR_FLAGS.map((f) => [f.name, f.mask])) as Record<
  AuthenticatorFlagName,
  number
>;

export interface AttestedCredentialDataInput {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  cosePublicKey: Uint8Array;
}

export interface AuthenticatorDataInput {
  rpId: string;
  flags: Partial<Record<'UP' | 'UV' | 'BE' | 'BS', boolean>>;
  signCount: number;
  attestedCredentialData?: AttestedCredentialDataInput;
  /** Authenticator extension outputs, in the order they are written (a CBOR map). */
  extensions?: Map<string, unknown>;
}

/** rpIdHash by RP ID: every ceremony needs one, and a digest is a round trip to the crypto thread. */
const rpIdHashes = new Map<string, Promise<Uint8Array>>();
const RP_ID_HASHES_KEPT = 64;

function hashOfRpId(rpId: string): Promise<Uint8Array> {
  let h = rpIdHashes.get(rpId);
  if (!h) {
    if (rpIdHashes.size >= RP_ID_HASHES_KEPT) rpIdHashes.clear();
    h = sha256(utf8Encode(rpId));
    rpIdHashes.set(rpId, h);
  }
  return h;
}

export async function encodeAuthenticatorData(input: AuthenticatorDataInput): Promise<Uint8Array> {
  const rpIdHash = await hashOfRpId(input.rpId);
  const at = input.attestedCredentialData;
  const ed = input.extensions && input.extensions.size > 0 ? input.extensions : undefined;
  let flags = 0;
  for (const [name, set] of Object.entries(input.flags)) if (set) flags |= MASK[name as AuthenticatorFlagName];
  if (at) flags |= MASK.AT;
  if (ed) flags |= MASK.ED;
  const head = new Uint8Array(37);
  head.set(rpIdHash, 0);
  head[32] = flags;
  new DataView(head.buffer).setUint32(33, input.signCount >>> 0);
  const parts: Uint8Array[] = [head];
  if (at) {
    const len = new Uint8Array([at.credentialId.length >> 8, at.credentialId.length & 0xff]);
    parts.push(at.aaguid, len, at.credentialId, at.cosePublicKey);
  }
  if (ed) parts.push(encodeCbor(ed));
  return concatBytes(...parts);
}
