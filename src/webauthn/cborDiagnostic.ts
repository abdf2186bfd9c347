// CBOR diagnostic notation (RFC 8949 §8, with §G's `_` for indefinite lengths): what a CBOR item says,
// exactly as encoded, for a reader. Walks the bytes itself, so that integer widths, tags, simple values and
// indefinite lengths show as they are (a decoder's JavaScript value would hide them). Never throws.
import { toHex } from './bytes.js';
import { fail, ok, type Decoded } from './result.js';

const MAX_DEPTH = 64;
/** Arrays and maps longer than this on one line are written one member per line. */
const LINE = 72;
const SIMPLE: Readonly<Record<number, string>> = { 20: 'false', 21: 'true', 22: 'null', 23: 'undefined' };

class Bad extends Error {
  constructor(
    what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

function half(bits: number): number {
  const exp = (bits >> 10) & 0x1f,
    mant = bits & 0x3ff;
  const v = exp === 0 ? mant * 2 ** -24 : exp === 31 ? (mant ? NaN : Infinity) : (mant + 1024) * 2 ** (exp - 25);
  return bits & 0x8000 ? -v : v;
}

function float(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v);
}

function join(open: string, parts: string[], close: string, indent: string): string {
  const one = `${open}${parts.join(', ')}${close}`;
  if (one.length <= LINE && !one.includes('\n')) return one;
  const inner = indent + '  ';
  return `${open}\n${parts.map((p) => inner + p.replace(/\n/g, `\n${inner}`)).join(',\n')}\n${indent}${close}`;
}

function item(b: Uint8Array, at: number, depth: number): { text: string; next: number } {
  if (depth > MAX_DEPTH) throw new Bad(`nested deeper than ${MAX_DEPTH} levels`, at);
  if (at >= b.length) throw new Bad('truncated: an item was expected', at);
  const first = b[at]!;
  const major = first >> 5,
    info = first & 31;
  let next = at + 1;
  let arg = BigInt(info);
  if (info >= 24 && info <= 27) {
    const size = 1 << (info - 24);
    if (next + size > b.length) throw new Bad(`truncated: the head needs ${size} more bytes`, at);
    arg = 0n;
    for (let i = 0; i < size; i++) arg = (arg << 8n) | BigInt(b[next + i]!);
    next += size;
  } else if (info >= 28 && info <= 30) throw new Bad(`reserved head byte 0x${first.toString(16)}`, at);
  const indefinite = info === 31;
  if (indefinite && (major === 0 || major === 1 || major === 6))
    throw new Bad(`major type ${major} cannot have an indefinite length`, at);
  const n = Number(arg);
  const bounded = (len: number) => {
    if (next + len > b.length) throw new Bad(`truncated: ${len} bytes announced, ${b.length - next} left`, at);
  };
  const untilBreak = (each: () => string): string[] => {
    const parts: string[] = [];
    for (;;) {
      if (next >= b.length) throw new Bad('indefinite-length item without its break (0xff)', at);
      if (b[next] === 0xff) {
        next++;
        return parts;
      }
      parts.push(each());
    }
  };
  const child = () => {
    const r = item(b, next, depth + 1);
    next = r.next;
    return r.text;
  };
  switch (major) {
    case 0:
      return { text: arg.toString(), next };
    case 1:
      return { text: (-1n - arg).toString(), next };
    case 2:
    case 3: {
      if (indefinite) {
        const chunks = untilBreak(() => {
          const h = b[next]! >> 5;
          if (h !== major)
            throw new Bad(`a chunk of major type ${h} inside a ${major === 2 ? 'byte' : 'text'} string`, next);
          return child();
        });
        return { text: chunks.length ? `(_ ${chunks.join(', ')})` : major === 2 ? "''_" : '""_', next };
      }
      bounded(n);
      const bytes = b.subarray(next, next + n);
      next += n;
      if (major === 2) return { text: `h'${toHex(bytes)}'`, next };
      let s: string;
      try {
        s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Bad('text string is not UTF-8', at);
      }
      return { text: JSON.stringify(s), next };
    }
    case 4: {
      const parts = indefinite ? untilBreak(child) : Array.from({ length: n }, child);
      return { text: join(indefinite ? '[_ ' : '[', parts, ']', ''), next };
    }
    case 5: {
      const pair = () => `${child()}: ${child()}`;
      const parts = indefinite ? untilBreak(pair) : Array.from({ length: n }, pair);
      return { text: join(indefinite ? '{_ ' : '{', parts, '}', ''), next };
    }
    case 6:
      return { text: `${arg}(${child()})`, next };
    default: {
      if (indefinite) throw new Bad('unexpected break (0xff)', at);
      if (info < 24) return { text: SIMPLE[info] ?? `simple(${info})`, next };
      if (info === 24) return { text: SIMPLE[n] ?? `simple(${n})`, next };
      const view = new DataView(b.buffer, b.byteOffset + at + 1, 1 << (info - 24));
      const v = info === 25 ? half(view.getUint16(0)) : info === 26 ? view.getFloat32(0) : view.getFloat64(0);
      return { text: float(v), next };
    }
  }
}

/** The item at `offset` in diagnostic notation, and how many bytes it took; a decode error names the byte. */
export function cborDiagnostic(b: Uint8Array, offset = 0): Decoded<{ text: string; length: number }> {
  try {
    const r = item(b, offset, 0);
    return ok({ text: r.text, length: r.next - offset });
  } catch (e) {
    return e instanceof Bad ? fail(e.message, e.at) : fail(`unreadable CBOR: ${String(e)}`, offset);
  }
}
