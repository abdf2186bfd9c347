// Byte maps: which bytes of authenticatorData, an attestationObject or clientDataJSON mean what, as a protocol
// analyser's packet-bytes pane shows them. A map is a list of leaf fields, in byte order, that do not overlap
// and together cover the bytes that could be read; what could not is one "unread" field and an error that says
// why and where. Walks the bytes itself (CBOR heads included), so each span is exact. Never throws.
import { decodeFlags } from './authenticatorFlags.js';

/** What a field is, for its colour. */
export type ByteFieldKind =
  | 'cbor-head'
  | 'cbor-key'
  | 'rp-id-hash'
  | 'flags'
  | 'counter'
  | 'aaguid'
  | 'length'
  | 'credential-id'
  | 'public-key'
  | 'extension'
  | 'statement'
  | 'certificate'
  | 'text'
  | 'json-key'
  | 'json-value'
  | 'json-syntax'
  | 'unread';

export interface ByteField {
  /** Where it sits, as a reader names it: "authData › attestedCredentialData › credentialPublicKey › -2 (x)". */
  label: string;
  kind: ByteFieldKind;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ByteMap {
  what: 'authenticatorData' | 'attestationObject' | 'clientDataJSON';
  bytes: Uint8Array;
  fields: ByteField[];
  /** Why the bytes from `error.offset` on could not be mapped. */
  error?: { what: string; offset: number };
}

class Unreadable extends Error {
  constructor(
    what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

/** COSE key member labels (RFC 9052 §7.1, RFC 9053 §7.1–7.2). */
const COSE_LABELS: Readonly<Record<string, string>> = {
  '1': 'kty',
  '2': 'kid',
  '3': 'alg',
  '-1': 'crv',
  '-2': 'x',
  '-3': 'y',
  '-4': 'd',
};
const COSE_RSA_LABELS: Readonly<Record<string, string>> = { '-1': 'n', '-2': 'e' };
const MAX_DEPTH = 64;

interface Head {
  major: number;
  /** The argument: a length, a count or the integer itself. */
  arg: number;
  indefinite: boolean;
  /** Where the item's content starts (after the head). */
  next: number;
}

function head(b: Uint8Array, at: number): Head {
  if (at >= b.length) throw new Unreadable('truncated: a CBOR item was expected', at);
  const first = b[at]!;
  const major = first >> 5,
    info = first & 31;
  let next = at + 1,
    arg = info;
  if (info >= 24 && info <= 27) {
    const size = 1 << (info - 24);
    if (next + size > b.length) throw new Unreadable(`truncated: the CBOR head needs ${size} more bytes`, at);
    arg = 0;
    for (let i = 0; i < size; i++) arg = arg * 256 + b[next + i]!;
    next += size;
  } else if (info >= 28 && info <= 30)
    throw new Unreadable(`reserved CBOR head byte 0x${first.toString(16).padStart(2, '0')}`, at);
  return { major, arg, indefinite: info === 31, next };
}

/** Text of a small CBOR key (an integer or a text string), for labels; undefined for anything else. */
function keyText(b: Uint8Array, at: number): string | undefined {
  const h = head(b, at);
  if (h.major === 0) return String(h.arg);
  if (h.major === 1) return String(-1 - h.arg);
  if (h.major === 3 && !h.indefinite && h.next + h.arg <= b.length)
    return new TextDecoder().decode(b.subarray(h.next, h.next + h.arg));
  return undefined;
}

const HEAD_NAMES = ['unsigned', 'negative', 'bytes', 'text', 'array', 'map', 'tag', 'simple'] as const;

/** How a map's members are named and coloured, by the path of the map. */
interface Context {
  kind: ByteFieldKind;
  /** A name for the member with this key, if the structure gives it one. */
  name?: (key: string) => string | undefined;
  /** The context of the member's value. */
  member?: (key: string) => Context;
}

class Walker {
  readonly fields: ByteField[] = [];
  constructor(readonly b: Uint8Array) {}

  add(label: string, kind: ByteFieldKind, start: number, end: number): void {
    if (end > start) this.fields.push({ label, kind, start, end });
  }

  /** One CBOR item at `at`, its head and contents as fields; returns where it ends. */
  item(at: number, label: string, ctx: Context, depth = 0): number {
    if (depth > MAX_DEPTH) throw new Unreadable(`CBOR nested deeper than ${MAX_DEPTH} levels`, at);
    const b = this.b;
    const h = head(b, at);
    const { major, arg } = h;
    const count = h.indefinite ? 'indefinite' : String(arg);
    switch (major) {
      case 0:
      case 1:
      case 7:
        this.add(label, ctx.kind, at, h.next);
        return h.next;
      case 2:
      case 3: {
        if (h.indefinite) {
          this.add(`${label} (${HEAD_NAMES[major]}, indefinite) head`, 'cbor-head', at, h.next);
          let pos = h.next,
            i = 0;
          while (b[pos] !== 0xff) {
            if (pos >= b.length) throw new Unreadable('indefinite-length string has no break', at);
            pos = this.item(pos, `${label} [chunk ${i++}]`, ctx, depth + 1);
          }
          this.add(`${label} break`, 'cbor-head', pos, pos + 1);
          return pos + 1;
        }
        const end = h.next + arg;
        if (end > b.length) throw new Unreadable(`${label}: ${arg} bytes claimed, ${b.length - h.next} left`, h.next);
        this.add(`${label} head (${HEAD_NAMES[major]}, ${arg} bytes)`, 'cbor-head', at, h.next);
        this.add(label, ctx.kind, h.next, end);
        return end;
      }
      case 4: {
        this.add(`${label} head (array of ${count})`, 'cbor-head', at, h.next);
        let pos = h.next;
        for (let i = 0; h.indefinite ? b[pos] !== 0xff : i < arg; i++) {
          if (pos >= b.length) throw new Unreadable(`${label}: array ends early`, pos);
          pos = this.item(pos, `${label} [${i}]`, ctx.member?.(String(i)) ?? ctx, depth + 1);
        }
        if (h.indefinite) this.add(`${label} break`, 'cbor-head', pos, ++pos);
        return pos;
      }
      case 5: {
        this.add(`${label} head (map of ${count})`, 'cbor-head', at, h.next);
        let pos = h.next;
        for (let i = 0; h.indefinite ? b[pos] !== 0xff : i < arg; i++) {
          if (pos >= b.length) throw new Unreadable(`${label}: map ends early`, pos);
          const key = keyText(b, pos) ?? `key ${i}`;
          const name = ctx.name?.(key);
          const shown = name ? `${key} (${name})` : key;
          pos = this.item(pos, `${label} › key ${shown}`, { kind: 'cbor-key' }, depth + 1);
          pos = this.item(pos, `${label} › ${shown}`, ctx.member?.(key) ?? ctx, depth + 1);
        }
        if (h.indefinite) this.add(`${label} break`, 'cbor-head', pos, ++pos);
        return pos;
      }
      default:
        this.add(`${label} tag ${arg}`, 'cbor-head', at, h.next);
        return this.item(h.next, label, ctx, depth + 1);
    }
  }

  /** The COSE key at `at` (its kty decides whether -1/-2 are a curve and x, or RSA's n and e). */
  coseKey(at: number, label: string): number {
    let rsa = false;
    try {
      const h = head(this.b, at);
      // A quick look for kty 3 (RSA) among the first members.
      if (h.major === 5) rsa = this.b[h.next] === 0x01 && this.b[h.next + 1] === 0x03;
    } catch {
      // item() below reports it.
    }
    const labels = rsa ? { ...COSE_LABELS, ...COSE_RSA_LABELS } : COSE_LABELS;
    return this.item(at, label, {
      kind: 'public-key',
      name: (k) => labels[k],
    });
  }

  authenticatorData(start: number, end: number, label: string): void {
    const b = this.b;
    const at = (n: number) => {
      if (start + n > end) throw new Unreadable(`${label} ends after ${end - start} bytes; ${n} needed`, end);
      return start + n;
    };
    const p = label ? `${label} › ` : '';
    this.add(`${p}rpIdHash`, 'rp-id-hash', start, at(32));
    this.add(`${p}flags`, 'flags', at(32), at(33));
    this.add(`${p}signCount`, 'counter', at(33), at(37));
    const flags = decodeFlags(b[start + 32]!);
    let pos = start + 37;
    if (flags.AT) {
      const acd = `${p}attestedCredentialData › `;
      this.add(`${acd}aaguid`, 'aaguid', pos, at(37 + 16));
      this.add(`${acd}credentialIdLength`, 'length', at(53), at(55));
      const idLength = (b[start + 53]! << 8) | b[start + 54]!;
      pos = at(55 + idLength);
      this.add(`${acd}credentialId`, 'credential-id', start + 55, pos);
      pos = this.coseKey(pos, `${acd}credentialPublicKey`);
      if (pos > end) throw new Unreadable('the credential public key runs past the end', end);
    }
    if (flags.ED) {
      pos = this.item(pos, `${p}extensions`, { kind: 'extension' });
      if (pos > end) throw new Unreadable('the extensions run past the end', end);
    }
    if (pos < end) throw new Unreadable(`${end - pos} bytes left over after the last field the flags announce`, pos);
  }

  attestationObject(): void {
    const b = this.b;
    const h = head(b, 0);
    if (h.major !== 5 || h.indefinite) throw new Unreadable('an attestationObject is a CBOR map', 0);
    this.add(`attestationObject head (map of ${h.arg})`, 'cbor-head', 0, h.next);
    let pos = h.next;
    for (let i = 0; i < h.arg; i++) {
      const key = keyText(b, pos) ?? `key ${i}`;
      pos = this.item(pos, `key ${key}`, { kind: 'cbor-key' });
      if (key === 'authData') {
        const v = head(b, pos);
        if (v.major !== 2 || v.indefinite) throw new Unreadable('authData is a byte string', pos);
        this.add(`authData head (bytes, ${v.arg} bytes)`, 'cbor-head', pos, v.next);
        const end = v.next + v.arg;
        // A cut authData still shows the fields that are there before its error.
        this.authenticatorData(v.next, Math.min(end, b.length), 'authData');
        if (end > b.length)
          throw new Unreadable(`authData: ${v.arg} bytes claimed, ${b.length - v.next} left`, b.length);
        pos = end;
      } else if (key === 'attStmt') {
        pos = this.item(pos, 'attStmt', {
          kind: 'statement',
          member: (k) => ({ kind: k === 'x5c' ? 'certificate' : 'statement' }),
        });
      } else pos = this.item(pos, key, { kind: 'text' });
    }
    if (pos < b.length) throw new Unreadable(`${b.length - pos} bytes after the attestationObject's map`, pos);
  }

  clientDataJSON(): void {
    new JsonWalker(this).object();
  }
}

/** The top-level members of clientDataJSON: each key and each value one field, punctuation apart. */
class JsonWalker {
  private pos = 0;
  private readonly b: Uint8Array;
  constructor(private readonly w: Walker) {
    this.b = w.b;
  }

  private space(): void {
    while (this.pos < this.b.length && [0x20, 0x09, 0x0a, 0x0d].includes(this.b[this.pos]!)) this.pos++;
  }

  private expect(byte: number, what: string): void {
    this.space();
    if (this.b[this.pos] !== byte) throw new Unreadable(`${what} expected`, this.pos);
    this.pos++;
  }

  private string(): string {
    const start = this.pos;
    if (this.b[this.pos] !== 0x22) throw new Unreadable('a JSON string expected', this.pos);
    this.pos++;
    while (this.pos < this.b.length && this.b[this.pos] !== 0x22) this.pos += this.b[this.pos] === 0x5c ? 2 : 1;
    if (this.pos >= this.b.length) throw new Unreadable('a JSON string never ends', start);
    this.pos++;
    try {
      return JSON.parse(new TextDecoder().decode(this.b.subarray(start, this.pos))) as string;
    } catch {
      throw new Unreadable('a JSON string with a bad escape', start);
    }
  }

  /** Any JSON value; nested ones are skipped over by bracket depth, strings minded. */
  private value(): void {
    this.space();
    const start = this.pos;
    const c = this.b[this.pos];
    if (c === 0x22) return void this.string();
    if (c !== 0x7b && c !== 0x5b) {
      while (this.pos < this.b.length && ![0x2c, 0x7d, 0x5d, 0x20, 0x0a, 0x0d, 0x09].includes(this.b[this.pos]!))
        this.pos++;
      if (this.pos === start) throw new Unreadable('a JSON value expected', start);
      return;
    }
    let depth = 0;
    do {
      if (this.pos >= this.b.length) throw new Unreadable('a JSON value never ends', start);
      const x = this.b[this.pos]!;
      if (x === 0x22) {
        this.string();
        continue;
      }
      if (x === 0x7b || x === 0x5b) depth++;
      else if (x === 0x7d || x === 0x5d) depth--;
      this.pos++;
    } while (depth > 0);
  }

  object(): void {
    this.space();
    const open = this.pos;
    this.expect(0x7b, '"{" (clientDataJSON is a JSON object)');
    this.w.add('{', 'json-syntax', open, this.pos);
    this.space();
    let first = true;
    while (this.b[this.pos] !== 0x7d) {
      if (!first) {
        const comma = this.pos;
        this.expect(0x2c, '"," or "}"');
        this.w.add(',', 'json-syntax', comma, this.pos);
        this.space();
      }
      first = false;
      const keyStart = this.pos;
      const key = this.string();
      this.w.add(`key "${key}"`, 'json-key', keyStart, this.pos);
      const colon = this.pos;
      this.expect(0x3a, '":"');
      this.w.add(':', 'json-syntax', colon, this.pos);
      this.space();
      const valueStart = this.pos;
      this.value();
      this.w.add(key, 'json-value', valueStart, this.pos);
      this.space();
      if (this.pos >= this.b.length) throw new Unreadable('the JSON object never ends', this.pos);
    }
    this.w.add('}', 'json-syntax', this.pos, ++this.pos);
    this.space();
    if (this.pos < this.b.length)
      throw new Unreadable(`${this.b.length - this.pos} bytes after the JSON object`, this.pos);
  }
}

const WALKS: Record<ByteMap['what'], (w: Walker) => void> = {
  authenticatorData: (w) => w.authenticatorData(0, w.b.length, ''),
  attestationObject: (w) => w.attestationObject(),
  clientDataJSON: (w) => w.clientDataJSON(),
};

/** The byte map of one structure; the fields read before an error are kept. */
export function byteMap(what: ByteMap['what'], bytes: Uint8Array): ByteMap {
  const w = new Walker(bytes);
  let error: ByteMap['error'];
  try {
    WALKS[what](w);
  } catch (e) {
    const at = e instanceof Unreadable ? e.at : 0;
    error = { what: e instanceof Error ? e.message : String(e), offset: Math.min(at, bytes.length) };
  }
  // Fields are added in byte order; an error cuts the map where reading stopped.
  const fields = w.fields.filter((f) => f.end <= bytes.length);
  const mapped = fields.length ? fields[fields.length - 1]!.end : 0;
  if (error && mapped < bytes.length)
    fields.push({ label: 'unread', kind: 'unread', start: mapped, end: bytes.length });
  return { what, bytes, fields, ...(error ? { error } : {}) };
}

/** The field holding byte `offset` (binary search: fields are sorted and disjoint). */
export function fieldAt(map: ByteMap, offset: number): number {
  let lo = 0,
    hi = map.fields.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = map.fields[mid]!;
    if (offset < f.start) hi = mid - 1;
    else if (offset >= f.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
