// Page values into the WebAuthn JSON form (every BufferSource as base64url, unknown members kept) using
// only captured built-ins. Getters and Proxies of page objects run as they would for the browser.
import type { RecordedError } from '../webauthn/record.js';
import { base64url } from './base64url.js';
import * as N from './natives.js';
const call = N.call;

const MAX_DEPTH = 16;

/** The bytes of an ArrayBuffer or ArrayBufferView, or undefined. */
export function bufferBytes(v: unknown): Uint8Array | undefined {
  try {
    if (v instanceof N.ArrayBuffer) return new N.Uint8Array(v);
    if (N.isView(v)) {
      const isDataView = v instanceof N.DataView;
      const buffer = call(isDataView ? N.dataViewBuffer! : N.viewBuffer!, v, []) as ArrayBuffer;
      const offset = call(isDataView ? N.dataViewByteOffset! : N.viewByteOffset!, v, []) as number;
      const length = call(isDataView ? N.dataViewByteLength! : N.viewByteLength!, v, []) as number;
      return new N.Uint8Array(buffer, offset, length);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A page value as JSON: buffers → base64url, functions and symbols dropped, cycles and depth cut. */
export function toJson(v: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): Json | undefined {
  if (v === null) return null;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return v as string | boolean;
  if (t === 'number') return Number.isFinite(v as number) ? (v as number) : null;
  if (t === 'bigint') return String(v);
  if (t !== 'object' || depth > MAX_DEPTH) return undefined;
  const o = v as object;
  const bytes = bufferBytes(o);
  if (bytes) return base64url(bytes);
  if (seen.has(o)) return undefined;
  seen.add(o);
  if (o instanceof N.AbortSignal) return undefined;
  if (N.isArray(o)) {
    const out: Json[] = [];
    for (let i = 0; i < (o as unknown[]).length; i++) out[i] = toJson((o as unknown[])[i], depth + 1, seen) ?? null;
    return out;
  }
  const out: { [k: string]: Json } = {};
  for (const k of N.keys(o)) {
    const x = toJson((o as Record<string, unknown>)[k], depth + 1, seen);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/** name and message of anything thrown, read with captured getters where the browser defines them. */
export function errorJson(e: unknown): RecordedError {
  try {
    if (N.DOMException && e instanceof N.DOMException) {
      return { name: String(call(N.domExceptionName!, e, [])), message: String(call(N.domExceptionMessage!, e, [])) };
    }
    if (e instanceof N.Error) return { name: String((e as Error).name), message: String((e as Error).message) };
    return { name: 'Error', message: String(e) };
  } catch {
    return { name: 'Error', message: 'unreadable error' };
  }
}
