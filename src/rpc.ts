// The one request/answer helper of every channel: the window channel, the direct MessagePort, the bridge's
// runtime port and the popup's port. A client numbers its requests and settles each exactly once: with the
// answer, with an error carried as { name, message }, on its timeout, on abort, or when its channel dies. A
// server runs a handler per request with an AbortSignal, answers once, and aborts what is left when its
// channel closes. Neither knows what the bodies mean: messages.ts names them.
//
// The mock's page side runs this in the page's MAIN world: every built-in it uses is taken when the module
// loads (at document_start, before page scripts), so a page that later replaces them changes nothing here.

import { isRecord } from './webauthn/json.js';
import { isRecordedError, recordedError, type RecordedError } from './webauthn/record.js';

export type RpcRequest<B = unknown> = { type: 'rpc/request'; id: string; body: B };
export type RpcAnswer<V = unknown> =
  | { type: 'rpc/answer'; id: string; ok: true; value: V }
  | { type: 'rpc/answer'; id: string; ok: false; error: RecordedError };
export type RpcAbort = { type: 'rpc/abort'; id: string; reason?: RecordedError };
export type RpcMessage = RpcRequest | RpcAnswer | RpcAbort;

/** What a request settles with; never a rejection, so a caller in the page needs no promise machinery. */
export type Outcome<V> = { ok: true; value: V } | { ok: false; error: RecordedError };

const G = globalThis;
const PromiseCtor = G.Promise;
const MapCtor = G.Map;
const setTimer = G.setTimeout.bind(G);
const clearTimer = G.clearTimeout.bind(G);
const apply = G.Reflect.apply;
const mapGet = G.Map.prototype.get;
const mapSet = G.Map.prototype.set;
const mapDelete = G.Map.prototype.delete;
const mapKeys = G.Map.prototype.keys;
const mapSize = G.Object.getOwnPropertyDescriptor(G.Map.prototype, 'size')!.get!;
const arrayFrom = G.Array.from;

export const TIMEOUT_ERROR: RecordedError = { name: 'TimeoutError', message: 'The request timed out.' };

/** Guards the envelope only; each channel guards its bodies. */
export function isRpcMessage(m: unknown): m is RpcMessage {
  if (!isRecord(m) || typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 100) return false;
  switch (m.type) {
    case 'rpc/request':
      return 'body' in m;
    case 'rpc/answer':
      return m.ok === true ? 'value' in m : m.ok === false && isRecordedError(m.error);
    case 'rpc/abort':
      return m.reason === undefined || isRecordedError(m.reason);
    default:
      return false;
  }
}

/**
 * Ids to settle-once callbacks, with a timer each. The clients below use it, and so does anything else that
 * waits for one answer by id (the prompts that wait for the user).
 */
export interface PendingTable<V> {
  /** Waits for `id`; after `timeoutMs` (Infinity: never) it settles with `timeoutValue()`. */
  wait(id: string, timeoutMs: number, timeoutValue: () => V): Promise<V>;
  /** Settles `id` with `value`; false when nothing waits for it. */
  settle(id: string, value: V): boolean;
  has(id: string): boolean;
  ids(): string[];
  readonly size: number;
}

export function pendingTable<V>(): PendingTable<V> {
  const waiting = new MapCtor<string, { resolve: (v: V) => void; timer?: ReturnType<typeof setTimeout> }>();
  const settle = (id: string, value: V): boolean => {
    const w = apply(mapGet, waiting, [id]) as { resolve: (v: V) => void; timer?: ReturnType<typeof setTimeout> };
    if (!w) return false;
    apply(mapDelete, waiting, [id]);
    if (w.timer !== undefined) clearTimer(w.timer);
    w.resolve(value);
    return true;
  };
  return {
    wait(id, timeoutMs, timeoutValue) {
      return new PromiseCtor<V>((resolve) => {
        const timer = timeoutMs < 2 ** 31 ? setTimer(() => settle(id, timeoutValue()), timeoutMs) : undefined;
        apply(mapSet, waiting, [id, { resolve, timer }]);
      });
    },
    settle,
    has: (id) => apply(mapGet, waiting, [id]) !== undefined,
    ids: () => arrayFrom(apply(mapKeys, waiting, []) as Iterable<string>),
    get size() {
      return apply(mapSize, waiting, []) as number;
    },
  };
}

export interface RequestHandle<V> {
  /** Settles once; see Outcome. */
  answer: Promise<Outcome<V>>;
  /** Gives up: the request settles with `reason` and the server is told to stop. */
  abort(reason?: RecordedError): void;
}

export interface RpcClient<B, V> {
  /** Sends a request; without `timeoutMs` it waits as long as the channel lives. */
  request(body: B, options?: { timeoutMs?: number }): RequestHandle<V>;
  /** Feeds a message that arrived on the channel; true when it was an answer of this client's. */
  receive(message: unknown): boolean;
  /** The channel died: every waiting request settles with `error`. */
  failAll(error: RecordedError): void;
  /** Requests still waiting. */
  readonly size: number;
}

/** `post` returns false when the channel cannot take the message (then the request fails at once). */
export function rpcClient<B, V>(post: (m: RpcRequest<B> | RpcAbort) => boolean, idPrefix = ''): RpcClient<B, V> {
  const pending = pendingTable<Outcome<V>>();
  let next = 0;
  return {
    request(body, options = {}) {
      const id = `${idPrefix}${++next}`;
      const answer = pending.wait(id, options.timeoutMs ?? Infinity, () => {
        post({ type: 'rpc/abort', id, reason: TIMEOUT_ERROR });
        return { ok: false, error: TIMEOUT_ERROR };
      });
      if (!post({ type: 'rpc/request', id, body }))
        pending.settle(id, { ok: false, error: { name: 'NotAllowedError', message: 'The channel is closed.' } });
      return {
        answer,
        abort(reason) {
          const error = reason ?? { name: 'AbortError', message: 'The request was aborted.' };
          if (pending.settle(id, { ok: false, error })) post({ type: 'rpc/abort', id, ...(reason ? { reason } : {}) });
        },
      };
    },
    receive(m) {
      if (!isRpcMessage(m) || m.type !== 'rpc/answer') return false;
      return pending.settle(m.id, m.ok ? { ok: true, value: m.value as V } : { ok: false, error: m.error });
    },
    failAll(error) {
      for (const id of pending.ids()) pending.settle(id, { ok: false, error });
    },
    get size() {
      return pending.size;
    },
  };
}

export interface RpcServer {
  /** Feeds a message that arrived on the channel; true when it was a request or an abort. */
  receive(message: unknown): boolean;
  /** The channel closed: every running handler's signal aborts with `reason`. */
  abortAll(reason: unknown): void;
  /** Handlers still running. */
  readonly size: number;
}

/**
 * `handle` answers a body: its value, or its throw as { name, message }. `guard` rejects bodies this channel
 * does not take; they get a TypeError answer and never reach the handler. Requests are answered in the order
 * their handlers finish; a request whose id is already running is ignored.
 */
export function rpcServer<B, V>(
  guard: (body: unknown) => body is B,
  handle: (body: B, signal: AbortSignal) => Promise<V> | V,
  post: (m: RpcAnswer<V>) => void,
): RpcServer {
  const running = new Map<string, AbortController>();
  let open = true;
  const answer = (m: RpcAnswer<V>) => {
    if (open) post(m);
  };
  return {
    receive(m) {
      if (!isRpcMessage(m)) return false;
      if (m.type === 'rpc/abort') {
        running.get(m.id)?.abort(m.reason);
        return true;
      }
      if (m.type !== 'rpc/request') return false;
      const { id, body } = m;
      if (running.has(id)) return true;
      if (!guard(body)) {
        answer({ type: 'rpc/answer', id, ok: false, error: { name: 'TypeError', message: 'Malformed request.' } });
        return true;
      }
      const controller = new AbortController();
      running.set(id, controller);
      void (async () => handle(body, controller.signal))().then(
        (value) => {
          running.delete(id);
          answer({ type: 'rpc/answer', id, ok: true, value });
        },
        (e: unknown) => {
          running.delete(id);
          answer({ type: 'rpc/answer', id, ok: false, error: recordedError(e) });
        },
      );
      return true;
    },
    abortAll(reason) {
      open = false;
      for (const c of running.values()) c.abort(reason);
      running.clear();
    },
    get size() {
      return running.size;
    },
  };
}
