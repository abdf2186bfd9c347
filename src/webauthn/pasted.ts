// The Decode view's input: whatever a developer pastes, recognised. A PublicKeyCredential JSON (toJSON() or
// SimpleWebAuthn's Registration/AuthenticationResponseJSON), creation or request options, or both together
// (two JSON values, a list, or { options, response }) become one ceremony record that decodes like a
// recorded one; a single structure (attestationObject, authenticatorData, clientDataJSON, a COSE key, a DER
// signature, an X.509 certificate) in base64url, base64, hex, a JSON byte array or PEM is named and decoded
// on its own. Nothing throws: what is not recognised says what was expected.
import { decodeAttestationObject } from './attestation/attestationObject.js';
import { decodeAuthenticatorData } from './authenticatorData.js';
import { base64urlToBytes } from './base64url.js';
import { fromHex } from './bytes.js';
import { decodeCbor } from './cborItem.js';
import { decodeClientData } from './clientData.js';
import { decodeCoseKey } from './cose.js';
import { isRecord } from './json.js';
import type { CeremonyRecord } from './record.js';
import { fail, ok, type Decoded } from './result.js';
import { parseDerSignature } from './signatures.js';

export type PastedStructure =
  'attestationObject' | 'authenticatorData' | 'clientDataJSON' | 'COSE key' | 'signature' | 'certificate';

export type Pasted =
  | { kind: 'ceremony'; what: string; record: CeremonyRecord }
  | { kind: 'structure'; what: PastedStructure; encoding: string; bytes: Uint8Array; decoded: Decoded<unknown> };

const MAX_TEXT = 8 * 1024 * 1024;

function bytesFromText(text: string): { bytes: Uint8Array; encoding: string } | undefined {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (pem) return { bytes: base64(pem[1]!.replace(/\s+/g, '')), encoding: 'PEM' };
  const t = text.replace(/\s+/g, '');
  if (/^(0x)?([0-9a-fA-F]{2})+$/.test(t)) return { bytes: fromHex(t.replace(/^0x/, '')), encoding: 'hex' };
  if (/^[A-Za-z0-9_-]+$/.test(t)) return { bytes: base64(t), encoding: 'base64url' };
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return { bytes: base64(t), encoding: 'base64' };
  return undefined;
}

/** base64 or base64url text as bytes, through the core's decoder (base64's alphabet mapped onto it). */
const base64 = (s: string): Uint8Array =>
  base64urlToBytes(s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));

const utf8 = (b: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
};

/** Names a bare structure by what it decodes as. */
function structure(bytes: Uint8Array, encoding: string): Decoded<Pasted> {
  const of = (what: PastedStructure, decoded: Decoded<unknown>): Decoded<Pasted> =>
    ok({ kind: 'structure', what, encoding, bytes, decoded });
  const text = utf8(bytes);
  if (text?.trimStart().startsWith('{')) {
    const cd = decodeClientData(bytes);
    if (cd.ok || /"type"\s*:\s*"webauthn\./.test(text)) return of('clientDataJSON', cd);
  }
  // A CBOR map that names authData is an attestation object even when cut short: its decoder says where.
  const mapHead = bytes[0] !== undefined && bytes[0] >= 0xa0 && bytes[0] <= 0xbf;
  if (mapHead && text === undefined && /authData|fmt/.test(new TextDecoder().decode(bytes.subarray(0, 64))))
    return of('attestationObject', decodeAttestationObject(bytes));
  const cbor = decodeCbor(bytes);
  if (cbor.ok && cbor.value instanceof Map) {
    if (cbor.value.has('fmt') || cbor.value.has('authData'))
      return of('attestationObject', decodeAttestationObject(bytes));
    if (cbor.value.has(1)) return of('COSE key', decodeCoseKey(bytes));
  }
  if (bytes[0] === 0x30) {
    const sig = parseDerSignature(bytes);
    if (sig.ok) return of('signature', sig);
    if (bytes.length > 200) return of('certificate', ok(bytes));
  }
  if (bytes.length >= 37) return of('authenticatorData', decodeAuthenticatorData(bytes));
  return fail(
    `${bytes.length} bytes of ${encoding} that are none of attestationObject, authenticatorData (at least 37 bytes), clientDataJSON, a COSE key, a DER signature or a certificate`,
  );
}

const isCredential = (v: Record<string, unknown>) => isRecord(v.response) && 'clientDataJSON' in v.response;
const isOptions = (v: Record<string, unknown>) => 'challenge' in v;
const isCreation = (v: Record<string, unknown>) => 'rp' in v || 'user' in v || 'pubKeyCredParams' in v;

/** JSON values in the text: one, a list, or several one after another. */
function jsonValues(text: string): unknown[] | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) && v.every((x) => isRecord(x)) ? v : [v];
  } catch {
    try {
      return JSON.parse(`[${text.replace(/}\s*{/g, '},{')}]`) as unknown[];
    } catch {
      return undefined;
    }
  }
}

/** What the developer says of a paste: the RP's origin, against which the response's clientDataJSON is checked. */
export interface PasteContext {
  origin?: string;
}

/** The origin of a URL the developer typed ("https://example.com/login" → "https://example.com"), if it is one. */
export function typedOrigin(text: string): Decoded<string> {
  try {
    const u = new URL(text.trim());
    if (u.origin === 'null') return fail(`"${text}" has no origin (a web origin is scheme, host and port)`);
    return ok(u.origin);
  } catch {
    return fail(`"${text}" is not a URL such as https://example.com`);
  }
}

function ceremony(values: unknown[], context: PasteContext): Decoded<Pasted> {
  let options: Record<string, unknown> | undefined, response: Record<string, unknown> | undefined;
  for (let v of values) {
    if (!isRecord(v)) return fail('a JSON value that is not an object');
    if (isRecord(v.options) && isRecord(v.response) && !isCredential(v)) {
      values.push(v.response);
      v = v.options;
    }
    if (isRecord(v) && isRecord(v.publicKey) && !isCredential(v)) v = v.publicKey;
    if (!isRecord(v)) continue;
    if (isCredential(v)) response = v;
    else if (isOptions(v)) options = v;
    else
      return fail(
        'JSON that is neither a PublicKeyCredential (with response.clientDataJSON) nor options (with a challenge)',
      );
  }
  const resp = isRecord(response?.response) ? response.response : undefined;
  const responseKind = resp ? ('attestationObject' in resp ? 'create' : 'get') : undefined;
  const optionsKind = options ? (isCreation(options) ? 'create' : 'get') : undefined;
  if (responseKind && optionsKind && responseKind !== optionsKind)
    return fail(`options of a ${optionsKind}() with the response of a ${responseKind}()`);
  const kind = responseKind ?? optionsKind ?? 'get';
  // Without the RP's origin, the response's own is taken, and origin checks can only pass.
  let origin = context.origin ?? '';
  const cdj = resp && typeof resp.clientDataJSON === 'string' ? resp.clientDataJSON : undefined;
  if (cdj && context.origin === undefined) {
    const cd = decodeClientData(base64(cdj));
    if (cd.ok) origin = cd.value.origin;
  }
  const record: CeremonyRecord = {
    id: 'pasted',
    kind,
    mode: 'native',
    status: 'ok',
    origin,
    url: origin,
    crossOrigin: false,
    topLevel: true,
    startTime: 0,
    ...(options ? { options } : {}),
    ...(response ? { response: { clientExtensionResults: {}, type: 'public-key', ...response } as never } : {}),
  };
  const what = [
    optionsKind && `${optionsKind === 'create' ? 'creation' : 'request'} options`,
    response && `a ${kind}() response`,
  ]
    .filter(Boolean)
    .join(' and ');
  return ok({ kind: 'ceremony', what, record });
}

export function recognizePasted(input: string, context: PasteContext = {}): Decoded<Pasted> {
  try {
    const text = input.trim();
    if (!text) return fail('nothing to decode');
    if (text.length > MAX_TEXT) return fail(`${text.length} characters; at most ${MAX_TEXT} are read`);
    if (text.startsWith('{') || text.startsWith('[')) {
      const values = jsonValues(text);
      if (!values) return fail('text that starts as JSON but does not parse as JSON');
      if (values.length && values.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 256))
        return structure(Uint8Array.from(values as number[]), 'JSON byte array');
      const flat = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
      if (flat.length && flat.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 256))
        return structure(Uint8Array.from(flat as number[]), 'JSON byte array');
      return ceremony([...values], context);
    }
    const b = bytesFromText(text);
    if (!b) return fail('text that is none of JSON, PEM, hex, base64url or base64');
    return structure(b.bytes, b.encoding);
  } catch (e) {
    return fail(`unreadable input: ${e instanceof Error ? e.message : String(e)}`);
  }
}
