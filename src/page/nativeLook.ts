// Replacement functions that look like the built-ins they replace: same name and length, no prototype,
// and a toString() that prints the original's native source, so feature detection and fingerprinting
// scripts see nothing new.
import * as N from './natives.js';
const call = N.call;

const disguised = new N.WeakMap<object, object>();

const toStringReplacement = {
  toString(this: unknown): string {
    const original = typeof this === 'function' ? disguised.get(this) : undefined;
    return call(N.functionToString, original ?? this, []) as string;
  },
}.toString;

/** Makes `fn` pass for `original`: name, length, toString. */
export function disguise<F extends object>(fn: F, original: object): F {
  disguised.set(fn, original);
  const name = N.getOwnPropertyDescriptor(original, 'name');
  const length = N.getOwnPropertyDescriptor(original, 'length');
  if (name) N.defineProperty(fn, 'name', name);
  if (length) N.defineProperty(fn, 'length', length);
  return fn;
}

/** Replaces `target[key]` keeping its property attributes (enumerable, writable, configurable). */
export function replaceMethod(
  target: object,
  key: string,
  make: (original: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown,
): boolean {
  const d = N.getOwnPropertyDescriptor(target, key);
  if (!d || typeof d.value !== 'function') return false;
  const original = d.value as (...a: unknown[]) => unknown;
  N.defineProperty(target, key, { ...d, value: disguise(make(original), original) });
  return true;
}

let installed = false;
/** Function.prototype.toString itself must stay native-looking once it is replaced. */
export function installToString(): void {
  if (installed) return;
  installed = true;
  const FP = N.getPrototypeOf(() => undefined) as object;
  replaceMethod(FP, 'toString', () => toStringReplacement as (...a: unknown[]) => unknown);
}
