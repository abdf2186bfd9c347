// One recorded call: a pending record when it starts, the final one (same id) when it settles.
import type { PageCeremony } from '../messages.js';
import type { CeremonyKind, Mediation } from '../webauthn/record.js';
import { callerLocation, callSite } from './callerLocation.js';
import { sendRecord } from './channel.js';
import { credentialJson } from './credentialJson.js';
import * as N from './natives.js';
const call = N.call;
import { errorJson, toJson, type Json } from './serialize.js';

const MEDIATIONS: readonly string[] = ['conditional', 'silent', 'optional', 'required', 'immediate'];
let counter = 0;
const session = ((N.mathRandom() * 2 ** 32) >>> 0).toString(36);

const nowEpoch = (): number => N.timeOrigin + N.now();
/** Sending (and serializing results) waits for a fresh task, off the page's path; tasks keep their order. */
const later = (f: () => void): void => {
  N.setTimeout(f, 0);
};
/**
 * A call still running after this long is shown as pending. Quicker calls send only their final record, so
 * the recording's messages do not compete with the browser's own work while the call runs.
 */
const PENDING_AFTER_MS = 40;

function signalState(signal: unknown): PageCeremony['signal'] {
  if (!signal || !N.AbortSignal || !(signal instanceof N.AbortSignal)) return undefined;
  const aborted = call(N.signalAborted!, signal, []) === true;
  return { present: true, aborted, ...(aborted ? { reason: errorJson(call(N.signalReason!, signal, [])) } : {}) };
}

export class CallRecord {
  readonly record: PageCeremony;
  private readonly signal: unknown;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly site = callSite();
  private caller: string | null | undefined;

  constructor(
    kind: CeremonyKind,
    mode: 'native' | 'mock',
    options: Json | undefined,
    extra: { mediation?: unknown; signal?: unknown } = {},
  ) {
    this.signal = extra.signal;
    const mediation =
      typeof extra.mediation === 'string' && MEDIATIONS.includes(extra.mediation)
        ? (extra.mediation as Mediation)
        : undefined;
    const signal = signalState(extra.signal);
    this.record = {
      id: `${session}-${++counter}`,
      kind,
      mode,
      status: 'pending',
      url: N.locationHref(),
      topLevel: N.isTop,
      startTime: nowEpoch(),
      ...(options !== undefined ? { options } : {}),
      ...(mediation ? { mediation } : {}),
      ...(signal ? { signal } : {}),
    } as PageCeremony;
  }

  start(): this {
    this.pendingTimer = N.setTimeout(() => {
      this.pendingTimer = undefined;
      this.send(this.record);
    }, PENDING_AFTER_MS);
    return this;
  }

  /** Sends a version of the record, with the caller's location read from the stack on first need. */
  private send(r: PageCeremony): void {
    this.caller ??= callerLocation(this.site) ?? null;
    sendRecord(this.caller ? { ...r, caller: this.caller } : r);
  }

  /** Times are taken now; the record is built and sent in a later task. */
  private end(build: () => Partial<PageCeremony>): void {
    const endTime = nowEpoch();
    if (this.pendingTimer !== undefined) N.clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    const signal = signalState(this.signal);
    later(() => this.send({ ...this.record, ...build(), endTime, ...(signal ? { signal } : {}) } as PageCeremony));
  }

  credential(value: unknown): void {
    this.end(() => {
      const response = credentialJson(value);
      return { status: 'ok', ...(response !== undefined ? { response: response as never } : {}) };
    });
  }

  /** A credential the mock answered: its JSON is what the background sent (the objects built from it have no
   *  native internals for the browser's own toJSON or getters to read). */
  mockCredential(json: Json, clientExtensionResults: Json | undefined): void {
    this.end(() => ({
      status: 'ok',
      response: (clientExtensionResults !== undefined
        ? { ...(json as object), clientExtensionResults }
        : json) as never,
    }));
  }

  result(value: unknown): void {
    this.end(() => {
      const result = toJson(value);
      return { status: 'ok', ...(result !== undefined ? { result } : {}) };
    });
  }

  error(e: unknown): void {
    const err = errorJson(e);
    const aborted = err.name === 'AbortError' || signalState(this.signal)?.aborted === true;
    this.end(() => ({ status: aborted ? 'aborted' : 'error', error: err }));
  }

  /** Watches a promise without changing what the page receives from it. */
  observe(p: unknown, onValue: (v: unknown) => void): void {
    if (!(p instanceof N.Promise)) {
      onValue(p);
      return;
    }
    call(N.promiseThen, p, [onValue, (e: unknown) => this.error(e)]);
  }
}
