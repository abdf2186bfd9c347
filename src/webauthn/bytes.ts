// Byte helpers shared by every decoder.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const toHex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
};

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 || /[^0-9a-f]/i.test(clean)) throw new TypeError('fromHex: not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** The bytes as UTF-8 text when they are valid UTF-8 with no control characters; otherwise undefined. */
export function printableUtf8(b: Uint8Array): string | undefined {
  try {
    const s = UTF8.decode(b);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) ? undefined : s;
  } catch {
    return undefined;
  }
}

const UTF8_ENCODER = new TextEncoder();
export const utf8Encode = (s: string): Uint8Array => UTF8_ENCODER.encode(s);

/** A copy as a standalone ArrayBuffer (page-facing objects and parsers want exactly these bytes). */
export const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;

/**
 * `b` as WebCrypto takes it, which copies what it is given: the view itself over an ArrayBuffer, a copy only of
 * one over shared memory. Every assertion hashes and signs, so a copy there is a cost on each call.
 */
export const cryptoView = (b: Uint8Array): Uint8Array<ArrayBuffer> =>
  b.buffer instanceof ArrayBuffer ? (b as Uint8Array<ArrayBuffer>) : new Uint8Array(b);

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', cryptoView(data)));
}

/** Formats 16 bytes as a UUID (AAGUIDs). */
export function uuidFromBytes(b: Uint8Array): string {
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function bytesFromUuid(uuid: string): Uint8Array {
  return fromHex(uuid.replace(/-/g, ''));
}
