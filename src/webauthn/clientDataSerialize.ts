// Serializes CollectedClientData the way browsers do (WebAuthn L3 §5.8.1.1 "limited verification
// algorithm" / JSON-compatible serialization): keys in the spec's order, `topOrigin` only for a
// cross-origin frame, then any other members. Passkey providers that sorted keys broke RPs that
// compare byte prefixes, so the order is the contract.

export interface ClientDataInput {
  /** webauthn.create, webauthn.get or payment.get; an RP security test may write another. */
  type: string;
  /** base64url of the options' challenge. */
  challenge: string;
  origin: string;
  crossOrigin: boolean;
  /** Required when crossOrigin is true; ignored otherwise. */
  topOrigin?: string;
  /** Other members, appended after the spec's ones (e.g. `other_keys_can_be_added_here`). */
  extra?: Record<string, unknown>;
}

export function serializeClientData(c: ClientDataInput): string {
  let out = `{"type":${JSON.stringify(c.type)},"challenge":${JSON.stringify(c.challenge)},"origin":${JSON.stringify(c.origin)},"crossOrigin":${c.crossOrigin ? 'true' : 'false'}`;
  if (c.crossOrigin && c.topOrigin !== undefined) out += `,"topOrigin":${JSON.stringify(c.topOrigin)}`;
  for (const [k, v] of Object.entries(c.extra ?? {})) out += `,${JSON.stringify(k)}:${JSON.stringify(v)}`;
  return out + '}';
}
