// Log records on their way to the worker, kept until the worker says they are written. They wait until the
// frame's calls pause for `quietMs` (at most `maxWaitMs`): sent at once, each costs the page's next call a
// worker round trip, and the panel is a few milliseconds later instead. A record replaced by a later version of
// itself (pending, then done) is sent once. One batch is in flight at a time; a batch the worker does not
// confirm (it stopped, was killed, or was starting) is sent again, with a growing pause, until it confirms.
// The worker's upsert is by id, so a batch written twice leaves one copy.
import type { PageCeremony } from '../messages.js';
import { quietTimer } from '../quietTimer.js';

export interface RecordQueue {
  /** Queues a record of `bytes` JSON bytes; a newer version of a queued one replaces it and moves to the end. */
  hold(record: PageCeremony, bytes: number): void;
  /** A call is on the way: what is queued waits for the pause after it. */
  busy(): void;
  /** Sends everything queued now, even with a batch in flight (the page is going away). */
  flush(): void;
  /** Sends what is queued now; resolves once all of it is confirmed written. */
  drained(): Promise<void>;
  /** Records not yet confirmed written. */
  readonly size: number;
}

export interface RecordQueueOptions {
  /** Resolves once the worker has written the records; rejects when it did not. */
  send(records: PageCeremony[]): Promise<unknown>;
  quietMs: number;
  maxWaitMs: number;
  /** First pause before a batch is sent again; it doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
  /** Records kept at most; beyond, the oldest go (a page logging in a loop must not fill the bridge). */
  maxHeld: number;
  /** A batch holds records up to this many bytes of JSON (at least one record). */
  maxBatchBytes: number;
}

export function recordQueue(o: RecordQueueOptions): RecordQueue {
  /** Latest version of each record not yet confirmed, in the order of those versions. */
  const outbox = new Map<string, PageCeremony>();
  /** JSON bytes of each record, as the caller measured it (serializing again would cost the page's thread). */
  const sizes = new WeakMap<PageCeremony, number>();
  let inFlight = false;
  let again = false;
  let retryIn = o.retryMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const timer = quietTimer(o.quietMs, o.maxWaitMs, () => send(false));

  const waiters: Array<() => void> = [];
  const confirmed = (batch: PageCeremony[]) => {
    for (const r of batch) if (outbox.get(r.id) === r) outbox.delete(r.id);
    if (!outbox.size) for (const w of waiters.splice(0)) w();
  };
  function send(force: boolean): void {
    timer.cancel();
    if (!outbox.size) return;
    if (inFlight && !force) {
      again = true;
      return;
    }
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const batch: PageCeremony[] = [];
    let bytes = 0;
    for (const r of outbox.values()) {
      bytes += sizes.get(r) ?? 0;
      if (batch.length && bytes > o.maxBatchBytes) break;
      batch.push(r);
    }
    inFlight = true;
    again = false;
    let sent: Promise<unknown>;
    try {
      sent = o.send(batch);
    } catch (e) {
      sent = Promise.reject(e);
    }
    sent.then(
      () => {
        inFlight = false;
        retryIn = o.retryMs;
        confirmed(batch);
        // What arrived meanwhile waits for its pause, unless the pause already came while this batch was out.
        if (again) send(false);
        else if (outbox.size) timer.poke();
      },
      () => {
        inFlight = false;
        retryTimer = setTimeout(() => send(false), retryIn);
        retryIn = Math.min(retryIn * 2, o.maxRetryMs);
      },
    );
  }
  return {
    hold(record, bytes) {
      sizes.set(record, bytes);
      outbox.delete(record.id);
      outbox.set(record.id, record);
      while (outbox.size > o.maxHeld) outbox.delete(outbox.keys().next().value!);
      timer.poke();
    },
    busy() {
      if (outbox.size && !inFlight) timer.poke();
    },
    flush: () => send(true),
    drained() {
      if (!outbox.size) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      send(false);
      if (!inFlight) send(true);
      return done;
    },
    get size() {
      return outbox.size;
    },
  };
}
