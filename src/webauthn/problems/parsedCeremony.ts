// What the problem rules read of a record, parsed once and leniently: a member that cannot be read is
// simply absent, so a malformed record finds no problem rather than throwing.
import { decodeAttestationObject } from '../attestation/attestationObject.js';
import { decodeAuthenticatorData, type AuthenticatorData } from '../authenticatorData.js';
import { fromBase64url } from '../base64url.js';
import { decodeClientData, type CollectedClientData } from '../clientData.js';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '../json.js';
import type { CeremonyRecord } from '../record.js';
import { defaultRpId } from '../rpId.js';

export interface ParsedCeremony {
  record: CeremonyRecord;
  kind: 'create' | 'get';
  create?: Partial<PublicKeyCredentialCreationOptionsJSON>;
  get?: Partial<PublicKeyCredentialRequestOptionsJSON>;
  rpId?: string;
  challenge?: string;
  challengeBytes?: Uint8Array;
  clientData?: CollectedClientData;
  authData?: AuthenticatorData;
  credentialId?: string;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function parseCeremony(record: CeremonyRecord): ParsedCeremony | undefined {
  if (!record || (record.kind !== 'create' && record.kind !== 'get')) return undefined;
  const options = obj(record.options);
  const p: ParsedCeremony = { record, kind: record.kind };
  if (options) {
    if (record.kind === 'create') p.create = options as Partial<PublicKeyCredentialCreationOptionsJSON>;
    else p.get = options as Partial<PublicKeyCredentialRequestOptionsJSON>;
    const named = record.kind === 'create' ? obj(options.rp)?.id : options.rpId;
    const rpId =
      typeof named === 'string' ? named : typeof record.origin === 'string' ? defaultRpId(record.origin) : undefined;
    if (rpId) p.rpId = rpId;
    if (typeof options.challenge === 'string') {
      p.challenge = options.challenge;
      const b = fromBase64url(options.challenge);
      if (b.ok) p.challengeBytes = b.value;
    }
  }
  const response = obj(record.response);
  const r = obj(response?.response);
  if (response && r) {
    if (typeof response.id === 'string') p.credentialId = response.id;
    const cdj = typeof r.clientDataJSON === 'string' ? fromBase64url(r.clientDataJSON) : undefined;
    const cd = cdj?.ok ? decodeClientData(cdj.value) : undefined;
    if (cd?.ok) p.clientData = cd.value;
    let adBytes: Uint8Array | undefined;
    if (record.kind === 'create' && typeof r.attestationObject === 'string') {
      const ao = fromBase64url(r.attestationObject);
      const dec = ao.ok ? decodeAttestationObject(ao.value) : undefined;
      if (dec?.ok) adBytes = dec.value.authDataBytes;
    } else if (typeof r.authenticatorData === 'string') {
      const b = fromBase64url(r.authenticatorData);
      if (b.ok) adBytes = b.value;
    }
    const ad = adBytes ? decodeAuthenticatorData(adBytes) : undefined;
    if (ad?.ok) p.authData = ad.value;
  }
  return p;
}
