// One parse of a recorded ceremony, shared by decodeCeremony (the panel's views and checks) and the problem
// rules: the options strictly and leniently, the RP ID worked out once, the response's binary members, and
// the client data, attestation object and authenticator data each decoded once. Lenient members are simply
// absent when they cannot be read, so a malformed record finds no problem rather than throwing; the strict
// results keep the decode error the panel shows. Parses are kept per record object, so a record decoded and
// then linted is parsed once.
import { decodeAttestationObject, type AttestationObject } from './attestation/attestationObject.js';
import { decodeAuthenticatorData, type AuthenticatorData } from './authenticatorData.js';
import { fromBase64url } from './base64url.js';
import { decodeClientData, type CollectedClientData } from './clientData.js';
import {
  isRecord,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from './json.js';
import {
  creationOptionsFromJSON,
  requestOptionsFromJSON,
  responseFromJSON,
  type CreationOptions,
  type ParsedResponse,
  type RequestOptions,
} from './options.js';
import type { CeremonyRecord } from './record.js';
import type { Decoded } from './result.js';
import { defaultRpId } from './rpId.js';

export interface ParsedCeremony {
  record: CeremonyRecord;
  kind: 'create' | 'get';
  /** The options as recorded, when they are an object (lenient: members may be of any type). */
  create?: Partial<PublicKeyCredentialCreationOptionsJSON>;
  get?: Partial<PublicKeyCredentialRequestOptionsJSON>;
  /** The options checked against the WebAuthn JSON form, with their binary members as bytes. */
  options?: Decoded<CreationOptions | RequestOptions>;
  /** What the options named, else the caller's origin's host (§5.1.3, §5.1.4). */
  rpId?: string;
  challenge?: string;
  challengeBytes?: Uint8Array;
  /** The response checked against the WebAuthn JSON form. */
  response?: Decoded<ParsedResponse>;
  credentialId?: string;
  clientDataJSON?: Uint8Array;
  clientDataResult?: Decoded<CollectedClientData>;
  clientData?: CollectedClientData;
  attestationObject?: Decoded<AttestationObject>;
  authDataBytes?: Uint8Array;
  authDataResult?: Decoded<AuthenticatorData>;
  authData?: AuthenticatorData;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (isRecord(v) ? v : undefined);

const bytesOf = (v: unknown): Uint8Array | undefined => {
  if (typeof v !== 'string') return undefined;
  const b = fromBase64url(v);
  return b.ok ? b.value : undefined;
};

const parses = new WeakMap<CeremonyRecord, ParsedCeremony | undefined>();

/** The parse of a create() or get() record; undefined for other kinds. Never throws. */
export function parseCeremony(record: CeremonyRecord): ParsedCeremony | undefined {
  if (!record || typeof record !== 'object') return undefined;
  if (parses.has(record)) return parses.get(record);
  let p: ParsedCeremony | undefined;
  try {
    p = parse(record);
  } catch {
    p = undefined;
  }
  parses.set(record, p);
  return p;
}

function parse(record: CeremonyRecord): ParsedCeremony | undefined {
  if (record.kind !== 'create' && record.kind !== 'get') return undefined;
  const p: ParsedCeremony = { record, kind: record.kind };
  const options = obj(record.options);
  if (record.options !== undefined)
    p.options =
      record.kind === 'create' ? creationOptionsFromJSON(record.options) : requestOptionsFromJSON(record.options);
  const named = record.kind === 'create' ? obj(options?.rp)?.id : options?.rpId;
  const rpId =
    typeof named === 'string' ? named : typeof record.origin === 'string' ? defaultRpId(record.origin) : undefined;
  if (rpId) p.rpId = rpId;
  if (options) {
    if (record.kind === 'create') p.create = options as Partial<PublicKeyCredentialCreationOptionsJSON>;
    else p.get = options as Partial<PublicKeyCredentialRequestOptionsJSON>;
    if (typeof options.challenge === 'string') {
      p.challenge = options.challenge;
      const b = bytesOf(options.challenge);
      if (b) p.challengeBytes = b;
    }
  }
  if (record.response === undefined) return p;
  p.response = responseFromJSON(record.response);
  const response = obj(record.response);
  const r = obj(response?.response);
  if (!response || !r) return p;
  if (typeof response.id === 'string') p.credentialId = response.id;
  const strict = p.response.ok ? p.response.value : undefined;
  const clientDataJSON = strict ? strict.credential.response.clientDataJSON : bytesOf(r.clientDataJSON);
  if (clientDataJSON) {
    p.clientDataJSON = clientDataJSON;
    p.clientDataResult = decodeClientData(clientDataJSON);
    if (p.clientDataResult.ok) p.clientData = p.clientDataResult.value;
  }
  const registration = strict
    ? strict.kind === 'registration'
    : record.kind === 'create' && typeof r.attestationObject === 'string';
  if (registration) {
    const ao =
      strict?.kind === 'registration' ? strict.credential.response.attestationObject : bytesOf(r.attestationObject);
    if (ao) {
      p.attestationObject = decodeAttestationObject(ao);
      if (p.attestationObject.ok) p.authDataBytes = p.attestationObject.value.authDataBytes;
    }
  } else {
    const ad =
      strict?.kind === 'authentication' ? strict.credential.response.authenticatorData : bytesOf(r.authenticatorData);
    if (ad) p.authDataBytes = ad;
  }
  if (p.authDataBytes) {
    p.authDataResult = decodeAuthenticatorData(p.authDataBytes);
    if (p.authDataResult.ok) p.authData = p.authDataResult.value;
  }
  return p;
}

/** What a ceremony tells the ones after it about sign counts: the one place they are tracked. */
export function rememberSignCount(signCounts: Map<string, number>, p: ParsedCeremony | undefined): void {
  if (p?.credentialId && p.authData && p.record.status === 'ok') signCounts.set(p.credentialId, p.authData.signCount);
}
