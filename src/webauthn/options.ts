// The WebAuthn JSON forms of options and responses, both directions (WebAuthn L3 §5.1.8, §5.1.9,
// PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON / toJSON).
// Binary members are base64url in JSON and Uint8Array here. Members this file does not know are kept
// untouched, so a new extension or a vendor field survives a round trip.
import { fromBase64url, toBase64url } from './base64url.js';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorSelectionCriteria,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialParameters,
  type PublicKeyCredentialRequestOptionsJSON,
  type PublicKeyCredentialRpEntity,
  type RegistrationResponseJSON,
  isRecord,
} from './json.js';
import { fail, ok, type Decoded } from './result.js';

// ---------- Types (binary form). B is Uint8Array once parsed; any BufferSource on the way to JSON. ----------

export interface PublicKeyCredentialDescriptor<B = Uint8Array> {
  type: string;
  id: B;
  transports?: string[];
  [k: string]: unknown;
}
export interface PublicKeyCredentialUserEntity<B = Uint8Array> {
  id: B;
  name: string;
  displayName: string;
  [k: string]: unknown;
}

export interface CreationOptions<B = Uint8Array> {
  rp: PublicKeyCredentialRpEntity;
  user: PublicKeyCredentialUserEntity<B>;
  challenge: B;
  pubKeyCredParams: PublicKeyCredentialParameters[];
  timeout?: number;
  excludeCredentials?: PublicKeyCredentialDescriptor<B>[];
  authenticatorSelection?: AuthenticatorSelectionCriteria;
  hints?: string[];
  attestation?: string;
  attestationFormats?: string[];
  /** Extension inputs; binary inputs (prf, largeBlob.write, credBlob, …) as B. */
  extensions?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface RequestOptions<B = Uint8Array> {
  challenge: B;
  timeout?: number;
  rpId?: string;
  allowCredentials?: PublicKeyCredentialDescriptor<B>[];
  userVerification?: string;
  hints?: string[];
  extensions?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface AuthenticatorAttestationResponse<B = Uint8Array> {
  clientDataJSON: B;
  attestationObject: B;
  authenticatorData?: B;
  transports?: string[];
  publicKey?: B | null;
  publicKeyAlgorithm?: number;
  [k: string]: unknown;
}

export interface AuthenticatorAssertionResponse<B = Uint8Array> {
  clientDataJSON: B;
  authenticatorData: B;
  signature: B;
  userHandle?: B | null;
  attestationObject?: B;
  [k: string]: unknown;
}

export interface RegistrationResponse<B = Uint8Array> {
  id: string;
  rawId: B;
  type: string;
  authenticatorAttachment?: string | null;
  response: AuthenticatorAttestationResponse<B>;
  /** Client extension outputs; binary outputs (prf results, largeBlob.blob, …) as B. */
  clientExtensionResults: Record<string, unknown>;
}

export interface AuthenticationResponse<B = Uint8Array> {
  id: string;
  rawId: B;
  type: string;
  authenticatorAttachment?: string | null;
  response: AuthenticatorAssertionResponse<B>;
  clientExtensionResults: Record<string, unknown>;
}

export type ParsedResponse =
  | { kind: 'registration'; credential: RegistrationResponse }
  | { kind: 'authentication'; credential: AuthenticationResponse };

// ---------- Binary members of extensions, as data (paths; '*' = every value of a record) ----------

/** Extension inputs whose JSON form is base64url (AuthenticationExtensionsClientInputsJSON and CTAP-backed ones). */
export const BINARY_EXTENSION_INPUTS: readonly string[] = [
  'prf.eval.first',
  'prf.eval.second',
  'prf.evalByCredential.*.first',
  'prf.evalByCredential.*.second',
  'largeBlob.write',
  'credBlob',
  'hmacGetSecret.salt1',
  'hmacGetSecret.salt2',
];
/** Client extension outputs whose JSON form is base64url (AuthenticationExtensionsClientOutputsJSON). */
export const BINARY_EXTENSION_OUTPUTS: readonly string[] = [
  'prf.results.first',
  'prf.results.second',
  'largeBlob.blob',
  'getCredBlob',
  'hmacGetSecret.output1',
  'hmacGetSecret.output2',
];

export type Conv = (v: unknown, path: string) => Decoded<unknown>;

/** An object of members: a JSON object that is not a BufferSource (binary values are leaves here). */
export const isMembers = (v: unknown): v is Record<string, unknown> => isRecord(v) && !isBufferSource(v);

/** Copies `obj`, converting the members at `paths` with `conv`; members absent stay absent. */
export function mapPaths(obj: unknown, paths: readonly string[], conv: Conv, base: string): Decoded<unknown> {
  if (!isMembers(obj)) return ok(obj);
  let out: Record<string, unknown> = { ...obj };
  for (const p of paths) {
    const r = mapPath(out, p.split('.'), conv, base);
    if (!r.ok) return r;
    out = r.value as Record<string, unknown>;
  }
  return ok(out);
}

function mapPath(obj: unknown, segs: string[], conv: Conv, path: string): Decoded<unknown> {
  if (!isMembers(obj)) return ok(obj);
  const [head, ...rest] = segs;
  const keys = head === '*' ? Object.keys(obj) : [head!];
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) {
    if (!(k in obj) || obj[k] === undefined) continue;
    const p = `${path}.${k}`;
    const r = rest.length ? mapPath(obj[k], rest, conv, p) : conv(obj[k], p);
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return ok(out);
}

// ---------- BufferSource → bytes (works across realms: no instanceof) ----------

export function isBufferSource(v: unknown): v is BufferSource {
  if (v === null || typeof v !== 'object') return false;
  if (ArrayBuffer.isView(v)) return true;
  const tag = Object.prototype.toString.call(v);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

export function bufferSourceBytes(v: BufferSource): Uint8Array {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(v as ArrayBuffer);
}

const decConv: Conv = (v, path) => {
  if (typeof v !== 'string')
    return fail(`${path} must be a base64url string, got ${v === null ? 'null' : typeof v}`, undefined, path);
  const r = fromBase64url(v);
  return r.ok ? r : fail(r.error.what, r.error.offset, path);
};

// ---------- JSON → binary ----------

type Obj = Record<string, unknown>;

function requireObject(v: unknown, path: string): Decoded<Obj> {
  return isMembers(v)
    ? ok(v)
    : fail(
        `${path} must be an object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`,
        undefined,
        path,
      );
}
function requireString(o: Obj, k: string, path: string): Decoded<string> {
  const v = o[k];
  const p = path ? `${path}.${k}` : k;
  if (v === undefined) return fail(`${p} is required`, undefined, p);
  return typeof v === 'string'
    ? ok(v)
    : fail(`${p} must be a string, got ${v === null ? 'null' : typeof v}`, undefined, p);
}
function optional(o: Obj, k: string, type: 'string' | 'number' | 'boolean', path: string): Decoded<void> {
  const v = o[k];
  if (v === undefined || typeof v === type) return ok(undefined);
  const p = path ? `${path}.${k}` : k;
  return fail(`${p} must be a ${type}, got ${v === null ? 'null' : typeof v}`, undefined, p);
}
function optionalStrings(o: Obj, k: string, path: string): Decoded<void> {
  const v = o[k];
  if (v === undefined) return ok(undefined);
  const p = path ? `${path}.${k}` : k;
  if (!Array.isArray(v)) return fail(`${p} must be an array of strings`, undefined, p);
  const bad = v.findIndex((x) => typeof x !== 'string');
  return bad < 0 ? ok(undefined) : fail(`${p}[${bad}] must be a string`, undefined, `${p}[${bad}]`);
}
const bin = (v: unknown, path: string): Decoded<Uint8Array> => {
  if (v === undefined) return fail(`${path} is required`, undefined, path);
  return decConv(v, path) as Decoded<Uint8Array>;
};

function descriptorsFromJSON(v: unknown, path: string): Decoded<PublicKeyCredentialDescriptor[] | undefined> {
  if (v === undefined) return ok(undefined);
  if (!Array.isArray(v)) return fail(`${path} must be an array`, undefined, path);
  const out: PublicKeyCredentialDescriptor[] = [];
  for (const [i, d] of v.entries()) {
    const p = `${path}[${i}]`;
    const o = requireObject(d, p);
    if (!o.ok) return o;
    const type = requireString(o.value, 'type', p);
    if (!type.ok) return type;
    const id = bin(o.value.id, `${p}.id`);
    if (!id.ok) return id;
    const t = optionalStrings(o.value, 'transports', p);
    if (!t.ok) return t;
    out.push({ ...o.value, type: type.value, id: id.value } as PublicKeyCredentialDescriptor);
  }
  return ok(out);
}

function extensionsFrom(v: unknown, paths: readonly string[], conv: Conv, path: string): Decoded<Obj | undefined> {
  if (v === undefined) return ok(undefined);
  const o = requireObject(v, path);
  if (!o.ok) return o;
  return mapPaths(o.value, paths, conv, path) as Decoded<Obj>;
}

export function creationOptionsFromJSON(json: unknown): Decoded<CreationOptions> {
  const o = requireObject(json, 'options');
  if (!o.ok) return o;
  const j = o.value;
  const rp = requireObject(j.rp, 'rp');
  if (!rp.ok) return rp;
  const rpName = requireString(rp.value, 'name', 'rp');
  if (!rpName.ok) return rpName;
  const rpId = optional(rp.value, 'id', 'string', 'rp');
  if (!rpId.ok) return rpId;
  const user = requireObject(j.user, 'user');
  if (!user.ok) return user;
  const userId = bin(user.value.id, 'user.id');
  if (!userId.ok) return userId;
  for (const k of ['name', 'displayName']) {
    const s = requireString(user.value, k, 'user');
    if (!s.ok) return s;
  }
  const challenge = bin(j.challenge, 'challenge');
  if (!challenge.ok) return challenge;
  if (!Array.isArray(j.pubKeyCredParams)) {
    return fail(
      j.pubKeyCredParams === undefined ? 'pubKeyCredParams is required' : 'pubKeyCredParams must be an array',
      undefined,
      'pubKeyCredParams',
    );
  }
  for (const [i, p] of j.pubKeyCredParams.entries()) {
    const path = `pubKeyCredParams[${i}]`;
    const po = requireObject(p, path);
    if (!po.ok) return po;
    const t = requireString(po.value, 'type', path);
    if (!t.ok) return t;
    if (typeof po.value.alg !== 'number' || !Number.isInteger(po.value.alg)) {
      return fail(`${path}.alg must be an integer (a COSE algorithm identifier)`, undefined, `${path}.alg`);
    }
  }
  for (const [k, t] of [
    ['timeout', 'number'],
    ['attestation', 'string'],
  ] as const) {
    const r = optional(j, k, t, '');
    if (!r.ok) return r;
  }
  for (const k of ['hints', 'attestationFormats']) {
    const r = optionalStrings(j, k, '');
    if (!r.ok) return r;
  }
  if (j.authenticatorSelection !== undefined) {
    const a = requireObject(j.authenticatorSelection, 'authenticatorSelection');
    if (!a.ok) return a;
  }
  const exclude = descriptorsFromJSON(j.excludeCredentials, 'excludeCredentials');
  if (!exclude.ok) return exclude;
  const extensions = extensionsFrom(j.extensions, BINARY_EXTENSION_INPUTS, decConv, 'extensions');
  if (!extensions.ok) return extensions;
  const out: CreationOptions = {
    ...j,
    rp: rp.value as PublicKeyCredentialRpEntity,
    user: { ...user.value, id: userId.value } as PublicKeyCredentialUserEntity,
    challenge: challenge.value,
    pubKeyCredParams: j.pubKeyCredParams as PublicKeyCredentialParameters[],
  };
  if (exclude.value) out.excludeCredentials = exclude.value;
  if (extensions.value) out.extensions = extensions.value;
  return ok(out);
}

export function requestOptionsFromJSON(json: unknown): Decoded<RequestOptions> {
  const o = requireObject(json, 'options');
  if (!o.ok) return o;
  const j = o.value;
  const challenge = bin(j.challenge, 'challenge');
  if (!challenge.ok) return challenge;
  for (const [k, t] of [
    ['timeout', 'number'],
    ['rpId', 'string'],
    ['userVerification', 'string'],
  ] as const) {
    const r = optional(j, k, t, '');
    if (!r.ok) return r;
  }
  const hints = optionalStrings(j, 'hints', '');
  if (!hints.ok) return hints;
  const allow = descriptorsFromJSON(j.allowCredentials, 'allowCredentials');
  if (!allow.ok) return allow;
  const extensions = extensionsFrom(j.extensions, BINARY_EXTENSION_INPUTS, decConv, 'extensions');
  if (!extensions.ok) return extensions;
  const out: RequestOptions = { ...j, challenge: challenge.value };
  if (allow.value) out.allowCredentials = allow.value;
  if (extensions.value) out.extensions = extensions.value;
  return ok(out);
}

// ---------- response JSON → binary, validated ----------

function optionalBin(o: Obj, k: string, path: string, nullable = false): Decoded<Uint8Array | null | undefined> {
  const v = o[k];
  if (v === undefined || (nullable && v === null)) return ok(v as null | undefined);
  return bin(v, `${path}.${k}`);
}

function credentialCommon(j: Obj): Decoded<{
  id: string;
  rawId: Uint8Array;
  type: string;
  authenticatorAttachment?: string | null;
  clientExtensionResults: Obj;
}> {
  const id = requireString(j, 'id', '');
  if (!id.ok) return id;
  const idBytes = fromBase64url(id.value);
  if (!idBytes.ok) return fail(`id: ${idBytes.error.what}`, idBytes.error.offset, 'id');
  const rawId = bin(j.rawId, 'rawId');
  if (!rawId.ok) return rawId;
  if (toBase64url(rawId.value) !== toBase64url(idBytes.value)) return fail('id and rawId differ', undefined, 'rawId');
  const type = requireString(j, 'type', '');
  if (!type.ok) return type;
  const att = j.authenticatorAttachment;
  if (att !== undefined && att !== null && typeof att !== 'string')
    return fail('authenticatorAttachment must be a string or null', undefined, 'authenticatorAttachment');
  const cer =
    j.clientExtensionResults === undefined ? ok({}) : requireObject(j.clientExtensionResults, 'clientExtensionResults');
  if (!cer.ok) return cer;
  const results = mapPaths(cer.value, BINARY_EXTENSION_OUTPUTS, decConv, 'clientExtensionResults');
  if (!results.ok) return results;
  return ok({
    id: id.value,
    rawId: rawId.value,
    type: type.value,
    ...(att === undefined ? {} : { authenticatorAttachment: att as string | null }),
    clientExtensionResults: results.value as Obj,
  });
}

export function registrationResponseFromJSON(json: unknown): Decoded<RegistrationResponse> {
  const o = requireObject(json, 'credential');
  if (!o.ok) return o;
  const common = credentialCommon(o.value);
  if (!common.ok) return common;
  const r = requireObject(o.value.response, 'response');
  if (!r.ok) return r;
  const cdj = bin(r.value.clientDataJSON, 'response.clientDataJSON');
  if (!cdj.ok) return cdj;
  const ao = bin(r.value.attestationObject, 'response.attestationObject');
  if (!ao.ok) return ao;
  const ad = optionalBin(r.value, 'authenticatorData', 'response');
  if (!ad.ok) return ad;
  const pk = optionalBin(r.value, 'publicKey', 'response', true);
  if (!pk.ok) return pk;
  const alg = optional(r.value, 'publicKeyAlgorithm', 'number', 'response');
  if (!alg.ok) return alg;
  const tr = optionalStrings(r.value, 'transports', 'response');
  if (!tr.ok) return tr;
  const response: AuthenticatorAttestationResponse = {
    ...r.value,
    clientDataJSON: cdj.value,
    attestationObject: ao.value,
  };
  if (ad.value) response.authenticatorData = ad.value;
  if (pk.value !== undefined) response.publicKey = pk.value;
  return ok({ ...common.value, response });
}

export function authenticationResponseFromJSON(json: unknown): Decoded<AuthenticationResponse> {
  const o = requireObject(json, 'credential');
  if (!o.ok) return o;
  const common = credentialCommon(o.value);
  if (!common.ok) return common;
  const r = requireObject(o.value.response, 'response');
  if (!r.ok) return r;
  const cdj = bin(r.value.clientDataJSON, 'response.clientDataJSON');
  if (!cdj.ok) return cdj;
  const ad = bin(r.value.authenticatorData, 'response.authenticatorData');
  if (!ad.ok) return ad;
  const sig = bin(r.value.signature, 'response.signature');
  if (!sig.ok) return sig;
  const uh = optionalBin(r.value, 'userHandle', 'response', true);
  if (!uh.ok) return uh;
  const ao = optionalBin(r.value, 'attestationObject', 'response');
  if (!ao.ok) return ao;
  const response: AuthenticatorAssertionResponse = {
    ...r.value,
    clientDataJSON: cdj.value,
    authenticatorData: ad.value,
    signature: sig.value,
  };
  if (uh.value !== undefined) response.userHandle = uh.value;
  if (ao.value) response.attestationObject = ao.value;
  return ok({ ...common.value, response });
}

/** Either kind: an assertion has a signature, an attestation response has an attestationObject and none. */
export function responseFromJSON(json: unknown): Decoded<ParsedResponse> {
  const o = requireObject(json, 'credential');
  if (!o.ok) return o;
  const r = requireObject(o.value.response, 'response');
  if (!r.ok) return r;
  if (r.value.signature !== undefined) {
    const a = authenticationResponseFromJSON(json);
    return a.ok ? ok({ kind: 'authentication', credential: a.value }) : a;
  }
  const g = registrationResponseFromJSON(json);
  return g.ok ? ok({ kind: 'registration', credential: g.value }) : g;
}
