// CollectedClientData (WebAuthn L3 §5.8.1): the JSON the client signs over, decoded with its exact key
// order so that serializations differing from the browsers' (sorted keys, missing crossOrigin) show up.
import { fromBase64url } from './base64url.js';
import { bytesEqual } from './bytes.js';
import { check, type Check } from './check.js';
import { serializeClientData, type ClientDataInput } from './clientDataSerialize.js';
import { fail, ok, type Decoded } from './result.js';

export interface TokenBinding {
  status: string;
  id?: string;
  [k: string]: unknown;
}

export interface CollectedClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
  tokenBinding?: TokenBinding;
  /** Members the spec does not define, in order. */
  other: Record<string, unknown>;
  /** Top-level keys in the order they appear in the bytes (duplicates included). */
  keyOrder: string[];
  /** The UTF-8 text itself. */
  json: string;
}

const KNOWN = new Set(['type', 'challenge', 'origin', 'crossOrigin', 'topOrigin', 'tokenBinding']);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Top-level keys of a JSON object text in source order (JSON.parse reorders integer-like keys). */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 1) {
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j]!)) j++;
        if (text[j] === ':') keys.push(JSON.parse(text.slice(start, i + 1)) as string);
      }
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return keys;
}

export function decodeClientData(bytes: Uint8Array): Decoded<CollectedClientData> {
  if (!(bytes instanceof Uint8Array)) return fail('clientDataJSON is not bytes');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail('clientDataJSON is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    return fail(
      `clientDataJSON is not JSON: ${e instanceof Error ? e.message : String(e)}`,
      m ? Number(m[1]) : undefined,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return fail('clientDataJSON is not a JSON object');
  const o = parsed as Record<string, unknown>;
  for (const k of ['type', 'challenge', 'origin'] as const) {
    if (o[k] === undefined) return fail(`clientDataJSON has no "${k}"`, undefined, k);
    if (typeof o[k] !== 'string') return fail(`clientDataJSON "${k}" is ${typeof o[k]}, not a string`, undefined, k);
  }
  if (o.crossOrigin !== undefined && typeof o.crossOrigin !== 'boolean') {
    return fail(`clientDataJSON "crossOrigin" is ${typeof o.crossOrigin}, not a boolean`, undefined, 'crossOrigin');
  }
  if (o.topOrigin !== undefined && typeof o.topOrigin !== 'string') {
    return fail(`clientDataJSON "topOrigin" is ${typeof o.topOrigin}, not a string`, undefined, 'topOrigin');
  }
  const tb = o.tokenBinding;
  if (tb !== undefined && (tb === null || typeof tb !== 'object' || typeof (tb as TokenBinding).status !== 'string')) {
    return fail('clientDataJSON "tokenBinding" is not an object with a status', undefined, 'tokenBinding');
  }
  const keyOrder = topLevelKeys(text);
  const other: Record<string, unknown> = {};
  for (const k of keyOrder) if (!KNOWN.has(k)) other[k] = o[k];
  return ok({
    type: o.type as string,
    challenge: o.challenge as string,
    origin: o.origin as string,
    ...(o.crossOrigin === undefined ? {} : { crossOrigin: o.crossOrigin as boolean }),
    ...(o.topOrigin === undefined ? {} : { topOrigin: o.topOrigin as string }),
    ...(tb === undefined ? {} : { tokenBinding: tb as TokenBinding }),
    other,
    keyOrder,
    json: text,
  });
}

export interface ClientDataExpectations {
  ceremony: 'create' | 'get';
  /** base64url of the options' challenge; without options (a pasted response alone) it is not checked. */
  expectedChallenge?: string;
  /** The calling frame's origin as the browser reported it. */
  origin?: string;
  /** The top-level origin, when the call came from a cross-origin frame. */
  topOrigin?: string;
  /** Whether the call came from a cross-origin frame. */
  crossOrigin?: boolean;
}

const SPEC_CD = '#dictionary-client-data';
const SPEC_SER = '#clientdatajson-serialization';

export function clientDataChecks(cd: CollectedClientData, x: ClientDataExpectations): Check[] {
  const out: Check[] = [];
  const type = x.ceremony === 'create' ? 'webauthn.create' : 'webauthn.get';
  out.push(
    cd.type === type
      ? check('clientData.type', `type is "${type}"`, 'pass', undefined, SPEC_CD)
      : check('clientData.type', `type is "${type}"`, 'fail', `got "${cd.type}"`, SPEC_CD),
  );

  const label = 'challenge matches the options';
  if (x.expectedChallenge === undefined) {
    // Nothing to compare with.
  } else if (cd.challenge === x.expectedChallenge)
    out.push(check('clientData.challenge', label, 'pass', undefined, SPEC_CD));
  else {
    const a = fromBase64url(cd.challenge),
      b = fromBase64url(x.expectedChallenge);
    out.push(
      a.ok && b.ok && bytesEqual(a.value, b.value)
        ? check(
            'clientData.challenge',
            label,
            'warn',
            `same bytes, different encoding: "${cd.challenge}" vs "${x.expectedChallenge}" (browsers write unpadded base64url)`,
            SPEC_CD,
          )
        : check(
            'clientData.challenge',
            label,
            'fail',
            `expected "${x.expectedChallenge}", got "${cd.challenge}"`,
            SPEC_CD,
          ),
    );
  }

  if (!cd.origin) out.push(check('clientData.origin', 'origin is present', 'fail', 'origin is empty', SPEC_CD));
  else if (x.origin === undefined)
    out.push(check('clientData.origin', 'origin is present', 'pass', cd.origin, SPEC_CD));
  else {
    out.push(
      cd.origin === x.origin
        ? check('clientData.origin', "origin is the calling frame's origin", 'pass', cd.origin, SPEC_CD)
        : check(
            'clientData.origin',
            "origin is the calling frame's origin",
            'fail',
            `expected "${x.origin}", got "${cd.origin}"`,
            SPEC_CD,
          ),
    );
  }

  if (cd.crossOrigin === undefined) {
    out.push(
      check(
        'clientData.crossOrigin',
        'crossOrigin is present',
        'warn',
        'crossOrigin is absent (current browsers always write it)',
        SPEC_CD,
      ),
    );
  } else if (x.crossOrigin !== undefined && cd.crossOrigin !== x.crossOrigin) {
    out.push(
      check(
        'clientData.crossOrigin',
        'crossOrigin matches the calling frame',
        'fail',
        `the call came from a ${x.crossOrigin ? 'cross-origin' : 'same-origin'} frame but crossOrigin is ${cd.crossOrigin}`,
        SPEC_CD,
      ),
    );
  } else {
    out.push(
      check('clientData.crossOrigin', 'crossOrigin matches the calling frame', 'pass', String(cd.crossOrigin), SPEC_CD),
    );
  }
  if (cd.topOrigin !== undefined) {
    if (cd.crossOrigin !== true) {
      out.push(
        check(
          'clientData.topOrigin',
          'topOrigin only in a cross-origin frame',
          'fail',
          `topOrigin "${cd.topOrigin}" is present but crossOrigin is ${cd.crossOrigin}`,
          SPEC_CD,
        ),
      );
    } else if (x.topOrigin !== undefined && cd.topOrigin !== x.topOrigin) {
      out.push(
        check(
          'clientData.topOrigin',
          'topOrigin is the top-level origin',
          'fail',
          `expected "${x.topOrigin}", got "${cd.topOrigin}"`,
          SPEC_CD,
        ),
      );
    } else out.push(check('clientData.topOrigin', 'topOrigin is the top-level origin', 'pass', cd.topOrigin, SPEC_CD));
  } else if (cd.crossOrigin === true) {
    out.push(
      check(
        'clientData.topOrigin',
        'topOrigin is present in a cross-origin frame',
        'info',
        'crossOrigin is true but topOrigin is absent (allowed; Chromium writes it)',
        SPEC_CD,
      ),
    );
  }
  if (cd.tokenBinding !== undefined) {
    out.push(
      check(
        'clientData.tokenBinding',
        'tokenBinding',
        'info',
        `status "${cd.tokenBinding.status}" (Token Binding is obsolete; browsers no longer send it)`,
        SPEC_CD,
      ),
    );
  }

  const dup = cd.keyOrder.filter((k, i) => cd.keyOrder.indexOf(k) !== i);
  if (dup.length)
    out.push(
      check(
        'clientData.duplicateKeys',
        'No duplicate keys',
        'fail',
        `duplicated: ${[...new Set(dup)].join(', ')}`,
        SPEC_SER,
      ),
    );
  out.push(serializationCheck(cd));
  return out;
}

function serializationCheck(cd: CollectedClientData): Check {
  const label = 'Serialized as browsers do (key order)';
  const known = ['type', 'challenge', 'origin', 'crossOrigin', 'topOrigin'];
  const expectedOrder = [
    ...known.filter((k) => cd.keyOrder.includes(k)),
    ...cd.keyOrder.filter((k) => !known.includes(k)),
  ];
  if (cd.keyOrder.join(',') !== expectedOrder.join(',')) {
    return check(
      'clientData.serialization',
      label,
      'warn',
      `keys are [${cd.keyOrder.join(', ')}]; the spec's order is [${expectedOrder.join(', ')}]`,
      SPEC_SER,
    );
  }
  if (cd.type !== 'webauthn.create' && cd.type !== 'webauthn.get' && cd.type !== 'payment.get') {
    return check('clientData.serialization', label, 'skip', `unknown type "${cd.type}"`, SPEC_SER);
  }
  const extra: Record<string, unknown> = { ...cd.other };
  if (cd.tokenBinding !== undefined) extra.tokenBinding = cd.tokenBinding;
  const reference: ClientDataInput = {
    type: cd.type,
    challenge: cd.challenge,
    origin: cd.origin,
    crossOrigin: cd.crossOrigin ?? false,
    ...(cd.topOrigin === undefined ? {} : { topOrigin: cd.topOrigin }),
    extra: Object.fromEntries(cd.keyOrder.filter((k) => k in extra).map((k) => [k, extra[k]])),
  };
  const expected = serializeClientData(reference);
  return expected === cd.json
    ? check('clientData.serialization', label, 'pass', undefined, SPEC_SER)
    : check(
        'clientData.serialization',
        label,
        'warn',
        "key order is right but the bytes differ from the browsers' serialization (whitespace, escaping or a missing member)",
        SPEC_SER,
      );
}
