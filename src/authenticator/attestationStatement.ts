// Attestation objects (WebAuthn L3 §6.5): `none`, and `packed` (§8.2) as self attestation or with an x5c
// chain from the local attestation CA. Which one follows the RP's `attestation` and `attestationFormats`
// and what the profile's authenticator is able to give.
import { concatBytes, sha256 } from '../webauthn/bytes.js';
import { encodeCbor } from './cbor.js';
import { signWithCredentialKey } from './credentialKeys.js';
import type { AttestationKind } from './profiles.js';
import type { AttestationSigner } from './attestationCa.js';

/** The attestation statement format (fmt) each kind of statement is written in. */
const FMT: Readonly<Record<AttestationKind, string>> = {
  none: 'none',
  'packed-self': 'packed',
  'packed-x5c': 'packed',
};

/**
 * The statement to produce. `none` conveyance gets `none` (§5.1.3: the client erases it); otherwise the
 * authenticator's kind, unless the RP's ordered `attestationFormats` prefers `none`.
 */
export function chooseAttestation(
  conveyance: string | undefined,
  formats: unknown,
  kind: AttestationKind,
): AttestationKind {
  if (conveyance !== 'direct' && conveyance !== 'enterprise' && conveyance !== 'indirect') return 'none';
  if (Array.isArray(formats)) {
    const firstKnown = formats.find((f) => f === 'none' || f === 'packed');
    if (firstKnown === 'none') return 'none';
  }
  return kind;
}

export interface AttestationInput {
  kind: AttestationKind;
  authData: Uint8Array;
  clientDataJSON: Uint8Array;
  /** Credential key, for self attestation. */
  credential: { alg: number; key: CryptoKey };
  /** Batch attestation key and chain, for x5c. */
  signer?: () => Promise<AttestationSigner>;
  /** An RP security test changes the signature after signing. */
  tamperSignature?: (sig: Uint8Array) => Uint8Array;
}

export async function encodeAttestationObject(input: AttestationInput): Promise<Uint8Array> {
  const attStmt = new Map<string, unknown>();
  const fmt = FMT[input.kind];
  if (input.kind !== 'none') {
    const toSign = concatBytes(input.authData, await sha256(input.clientDataJSON));
    if (input.kind === 'packed-x5c' && input.signer) {
      const s = await input.signer();
      const sig = await signWithCredentialKey(-7, s.key, toSign);
      attStmt
        .set('alg', -7)
        .set('sig', input.tamperSignature?.(sig) ?? sig)
        .set('x5c', s.x5c);
    } else {
      const sig = await signWithCredentialKey(input.credential.alg, input.credential.key, toSign);
      attStmt.set('alg', input.credential.alg).set('sig', input.tamperSignature?.(sig) ?? sig);
    }
  }
  // Canonical CTAP2 order: "fmt", "attStmt", "authData" (shorter keys first).
  return encodeCbor(
    new Map<string, unknown>([
      ['fmt', fmt],
      ['attStmt', attStmt],
      ['authData', input.authData],
    ]),
  );
}
