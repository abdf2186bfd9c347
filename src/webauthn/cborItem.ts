// One CBOR data item out of a longer buffer. WebAuthn packs CBOR items back to back with raw bytes
// (the credential public key inside authenticator data, then the extensions map), and cbor-x does not
// say where an item ends, so the item's extent is measured by walking its heads first, then exactly
// those bytes are decoded with cbor-x.
import { Decoder } from 'cbor-x';
import { toHex } from './bytes.js';
import { fail, ok, type Decoded } from './result.js';

const MAX_DEPTH = 64;
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false } as ConstructorParameters<typeof Decoder>[0]);

interface Head {
  major: number;
  info: number;
  arg: number;
  next: number;
}

function readHead(b: Uint8Array, at: number): Decoded<Head> {
  if (at >= b.length) return fail('CBOR item truncated', at);
  const first = b[at]!;
  const major = first >> 5;
  const info = first & 31;
  let arg = info;
  let next = at + 1;
  if (info >= 24 && info <= 27) {
    const size = 1 << (info - 24);
    if (next + size > b.length) return fail(`CBOR item truncated: header needs ${size} more bytes`, at);
    arg = 0;
    for (let i = 0; i < size; i++) arg = arg * 256 + b[next + i]!;
    next += size;
  } else if (info >= 28 && info <= 30) {
    return fail(`invalid CBOR header byte 0x${first.toString(16).padStart(2, '0')}`, at);
  } else if (info === 31 && (major === 0 || major === 1 || major === 6)) {
    return fail(`invalid CBOR indefinite length for major type ${major}`, at);
  }
  return ok({ major, info, arg, next });
}

/** Number of bytes the CBOR data item starting at `offset` occupies. */
export function cborItemLength(b: Uint8Array, offset = 0): Decoded<number> {
  const end = skip(b, offset, 0);
  return end.ok ? ok(end.value - offset) : end;
}

function skip(b: Uint8Array, at: number, depth: number): Decoded<number> {
  if (depth > MAX_DEPTH) return fail(`CBOR nested deeper than ${MAX_DEPTH} levels`, at);
  const h = readHead(b, at);
  if (!h.ok) return h;
  const { major, info, arg } = h.value;
  let pos = h.value.next;
  if (info === 31) {
    // Indefinite length: items until the 0xff break.
    for (;;) {
      if (pos >= b.length) return fail('CBOR indefinite-length item has no break', at);
      if (b[pos] === 0xff) return ok(pos + 1);
      if (major === 7) return fail('unexpected CBOR break', at);
      const inner = skip(b, pos, depth + 1);
      if (!inner.ok) return inner;
      if (major === 4 || major === 2 || major === 3) pos = inner.value;
      else {
        const value = skip(b, inner.value, depth + 1);
        if (!value.ok) return value;
        pos = value.value;
      }
    }
  }
  switch (major) {
    case 0:
    case 1:
    case 7:
      return ok(pos);
    case 2:
    case 3:
      if (pos + arg > b.length)
        return fail(
          `CBOR ${major === 2 ? 'byte' : 'text'} string of ${arg} bytes runs past the end (${b.length - pos} left)`,
          at,
        );
      return ok(pos + arg);
    case 4:
    case 5: {
      const n = major === 5 ? arg * 2 : arg;
      if (n > b.length - pos)
        return fail(
          `CBOR ${major === 4 ? 'array' : 'map'} claims ${arg} entries; only ${b.length - pos} bytes left`,
          at,
        );
      for (let i = 0; i < n; i++) {
        const r = skip(b, pos, depth + 1);
        if (!r.ok) return r;
        pos = r.value;
      }
      return ok(pos);
    }
    default: // 6: a tag, then its item
      return skip(b, pos, depth + 1);
  }
}

/** Decodes exactly one CBOR item at `offset`; `length` is how many bytes it took. Maps decode as Map. */
export function decodeCborItem(b: Uint8Array, offset = 0): Decoded<{ value: unknown; length: number }> {
  const len = cborItemLength(b, offset);
  if (!len.ok) return len;
  try {
    const value = normalize(decoder.decode(b.subarray(offset, offset + len.value)), 0);
    return ok({ value, length: len.value });
  } catch (e) {
    return fail(`CBOR: ${e instanceof Error ? e.message : String(e)}`, offset);
  }
}

/** Decodes a buffer that must hold one CBOR item and nothing after it. */
export function decodeCbor(b: Uint8Array): Decoded<unknown> {
  const r = decodeCborItem(b, 0);
  if (!r.ok) return r;
  if (r.value.length !== b.length) {
    return fail(
      `${b.length - r.value.length} trailing bytes after the CBOR item at offset ${r.value.length}`,
      r.value.length,
    );
  }
  return ok(r.value.value);
}

// cbor-x hands out Node Buffers (sharing a pool) in Node; keep plain, owned Uint8Arrays everywhere.
function normalize(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return v;
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (Array.isArray(v)) return v.map((x) => normalize(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(normalize(k, depth + 1), normalize(x, depth + 1));
    return m;
  }
  return v;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** A JSON-able view of decoded CBOR for display: byte strings become hex strings ("h'…'"). */
export function cborToJson(v: unknown, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) return '…';
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return `h'${toHex(v)}'`;
  if (Array.isArray(v)) return v.map((x) => cborToJson(x, depth + 1));
  if (v instanceof Map) {
    const o: { [k: string]: JsonValue } = {};
    for (const [k, x] of v) o[typeof k === 'string' ? k : String(cborToJson(k, depth + 1))] = cborToJson(x, depth + 1);
    return o;
  }
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const tagged = v as { tag?: unknown; value?: unknown };
    if (typeof tagged.tag === 'number') return { tag: tagged.tag, value: cborToJson(tagged.value, depth + 1) };
    const o: { [k: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(v)) o[k] = cborToJson(x, depth + 1);
    return o;
  }
  return String(v);
}
