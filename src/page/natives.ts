// Every built-in the hook uses, captured when it runs at document_start, before any page script can
// replace them. Later code calls only these references (through `call`), never the live globals.
const W = globalThis as typeof globalThis & Window;
const R = Reflect;
const O = Object;

/** Calls `fn` with `self` as this, without touching Function.prototype.call/apply (a page may replace them). */
export const call = R.apply as <T>(fn: (...a: never[]) => T, self: unknown, args: ArrayLike<unknown>) => T;

const getter = (proto: object | undefined, name: string): ((this: unknown) => unknown) | undefined =>
  proto ? (O.getOwnPropertyDescriptor(proto, name)?.get as ((this: unknown) => unknown) | undefined) : undefined;

export const natives = {
  window: W,
  defineProperty: O.defineProperty,
  getOwnPropertyDescriptor: O.getOwnPropertyDescriptor,
  keys: O.keys,
  create: O.create,
  getPrototypeOf: O.getPrototypeOf,
  isArray: Array.isArray,
  fromCharCode: String.fromCharCode,
  WeakMap: W.WeakMap,
  Map: W.Map,
  Error: W.Error,
  TypeError: W.TypeError,
  DOMException: W.DOMException,
  Promise: W.Promise,
  promiseThen: W.Promise.prototype.then,
  ArrayBuffer: W.ArrayBuffer,
  isView: W.ArrayBuffer.isView,
  Uint8Array: W.Uint8Array,
  arrayBufferByteLength: getter(W.ArrayBuffer.prototype, 'byteLength'),
  viewBuffer: getter(O.getPrototypeOf(W.Uint8Array.prototype) as object, 'buffer'),
  viewByteOffset: getter(O.getPrototypeOf(W.Uint8Array.prototype) as object, 'byteOffset'),
  viewByteLength: getter(O.getPrototypeOf(W.Uint8Array.prototype) as object, 'byteLength'),
  dataViewBuffer: getter(W.DataView.prototype, 'buffer'),
  dataViewByteOffset: getter(W.DataView.prototype, 'byteOffset'),
  dataViewByteLength: getter(W.DataView.prototype, 'byteLength'),
  DataView: W.DataView,
  domExceptionName: getter(W.DOMException?.prototype, 'name'),
  domExceptionMessage: getter(W.DOMException?.prototype, 'message'),
  AbortSignal: W.AbortSignal,
  signalAborted: getter(W.AbortSignal?.prototype, 'aborted'),
  signalReason: getter(W.AbortSignal?.prototype, 'reason'),
  addEventListener: W.EventTarget.prototype.addEventListener,
  removeEventListener: W.EventTarget.prototype.removeEventListener,
  postMessage: W.postMessage,
  messageEventData: getter(W.MessageEvent.prototype, 'data'),
  messageEventSource: getter(W.MessageEvent.prototype, 'source'),
  now: W.performance.now.bind(W.performance),
  timeOrigin: W.performance.timeOrigin,
  functionToString: W.Function.prototype.toString,
  stringSplit: W.String.prototype.split,
  stringIndexOf: W.String.prototype.indexOf,
  stringSlice: W.String.prototype.slice,
  regExpExec: W.RegExp.prototype.exec,
  mathRandom: W.Math.random,
  setTimeout: W.setTimeout.bind(W),
  clearTimeout: W.clearTimeout.bind(W),
  locationHref: (): string => String(W.location.href),
  isTop: ((): boolean => { try { return W.top === W.self; } catch { return false; } })(),
  CredentialsContainer: W.CredentialsContainer,
  PublicKeyCredential: W.PublicKeyCredential as (typeof PublicKeyCredential & Record<string, unknown>) | undefined,
} as const;
