// Every decoder in the core returns a Decoded<T>: a value, or a structured error that says what went
// wrong and where, so the panel can show it next to the raw bytes. Decoders never throw on bad input.

export interface DecodeError {
  /** What is wrong, in words a developer reads ("flags: BS set without BE"). */
  what: string;
  /** Byte offset into the structure being decoded, where the problem starts. */
  offset?: number;
  /** Path of the field inside a larger structure ("response.attestationObject.authData"). */
  path?: string;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
export const fail = <T = never>(what: string, offset?: number, path?: string): Decoded<T> => ({
  ok: false,
  error: { what, ...(offset === undefined ? {} : { offset }), ...(path === undefined ? {} : { path }) },
});

/** Prefixes an error's path, for decoders that call other decoders. */
export function within<T>(path: string, r: Decoded<T>): Decoded<T> {
  if (r.ok) return r;
  return { ok: false, error: { ...r.error, path: r.error.path ? `${path}.${r.error.path}` : path } };
}
