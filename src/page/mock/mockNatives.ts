// Built-ins only the mock's page side uses, captured when it runs (at document_start, right after the hook,
// when the mock is on as a page loads). Kept apart from natives.ts so the hook every page runs stays small.
import { call, getter, W } from '../natives.js';

export const objectCreate = Object.create;
export const hasOwn = Object.hasOwn;
export const objectFromEntries = Object.fromEntries;
export const ownNames = Object.getOwnPropertyNames;
export const charCodeAt = W.String.prototype.charCodeAt;
export const arrayBufferSlice = W.ArrayBuffer.prototype.slice;
const arraySort = W.Array.prototype.sort;
export const sort = (a: string[]): string[] => call(arraySort as (this: string[]) => string[], a, []);
export const abortSignal = W.AbortSignal.abort;
export const parseJson = JSON.parse;
export const stringifyJson = JSON.stringify;
export const Map = W.Map;
export const TypeError = W.TypeError;
export const messageEventData = /* @__PURE__ */ getter(W.MessageEvent.prototype, 'data');
export const messageEventSource = /* @__PURE__ */ getter(W.MessageEvent.prototype, 'source');
export const Set = W.Set;
export const messageEventPorts = /* @__PURE__ */ getter(W.MessageEvent.prototype, 'ports');
export const portPostMessage = W.MessagePort?.prototype.postMessage;
export const portStart = W.MessagePort?.prototype.start;
export const portClose = W.MessagePort?.prototype.close;
