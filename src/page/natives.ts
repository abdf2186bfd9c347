// Every built-in the hook uses, captured when it runs at document_start, before any page script can
// replace them. Later code calls only these references (through `call`), never the live globals.
// Module-level constants (not an object) so the minifier shortens every name: the hook stays small.
export const W = globalThis as typeof globalThis & Window;
const R = Reflect;
const O = Object;

/** Calls `fn` with `self` as this, without touching Function.prototype.call/apply (a page may replace them). */
export const call = R.apply as <T>(fn: (...a: never[]) => T, self: unknown, args: ArrayLike<unknown>) => T;

export const getter = (proto: object | undefined, name: string): ((this: unknown) => unknown) | undefined =>
  proto ? (O.getOwnPropertyDescriptor(proto, name)?.get as ((this: unknown) => unknown) | undefined) : undefined;

export const window = W;
export const defineProperty = O.defineProperty;
export const getOwnPropertyDescriptor = O.getOwnPropertyDescriptor;
export const keys = O.keys;
export const getPrototypeOf = O.getPrototypeOf;
export const isArray = Array.isArray;
export const WeakMap = W.WeakMap;
export const Error = W.Error;
export const DOMException = W.DOMException;
export const Promise = W.Promise;
export const promiseThen = W.Promise.prototype.then;
export const ArrayBuffer = W.ArrayBuffer;
export const isView = W.ArrayBuffer.isView;
export const Uint8Array = W.Uint8Array;
const typedArrayProto = O.getPrototypeOf(W.Uint8Array.prototype) as object;
const dataViewProto = W.DataView.prototype;
export const viewBuffer = /* @__PURE__ */ getter(typedArrayProto, 'buffer');
export const viewByteOffset = /* @__PURE__ */ getter(typedArrayProto, 'byteOffset');
export const viewByteLength = /* @__PURE__ */ getter(typedArrayProto, 'byteLength');
export const dataViewBuffer = /* @__PURE__ */ getter(dataViewProto, 'buffer');
export const dataViewByteOffset = /* @__PURE__ */ getter(dataViewProto, 'byteOffset');
export const dataViewByteLength = /* @__PURE__ */ getter(dataViewProto, 'byteLength');
export const DataView = W.DataView;
export const domExceptionName = /* @__PURE__ */ getter(W.DOMException?.prototype, 'name');
export const domExceptionMessage = /* @__PURE__ */ getter(W.DOMException?.prototype, 'message');
export const AbortSignal = W.AbortSignal;
export const signalAborted = /* @__PURE__ */ getter(W.AbortSignal?.prototype, 'aborted');
export const signalReason = /* @__PURE__ */ getter(W.AbortSignal?.prototype, 'reason');
export const addEventListener = W.EventTarget.prototype.addEventListener;
export const dispatchEvent = W.EventTarget.prototype.dispatchEvent;
export const postMessage = W.postMessage;
export const CustomEvent = W.CustomEvent;
export const customEventDetail = /* @__PURE__ */ getter(W.CustomEvent.prototype, 'detail');
export const now = W.performance.now.bind(W.performance);
export const timeOrigin = W.performance.timeOrigin;
export const functionToString = W.Function.prototype.toString;
export const stringSplit = W.String.prototype.split;
export const regExpExec = W.RegExp.prototype.exec;
export const mathRandom = W.Math.random;
export const setTimeout = W.setTimeout.bind(W);
export const clearTimeout = W.clearTimeout.bind(W);
export const locationHref = (): string => String(W.location.href);
export const isTop = ((): boolean => {
  try {
    return W.top === W.self;
  } catch {
    return false;
  }
})();
export const CredentialsContainer = W.CredentialsContainer;
export const PublicKeyCredential = W.PublicKeyCredential as
  (typeof globalThis.PublicKeyCredential & Record<string, unknown>) | undefined;
