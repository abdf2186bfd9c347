// Log records on their way to the worker. They wait until the frame's calls pause for `quietMs` (at most
// `maxWaitMs`), and a record replaced by a later version of itself (pending, then done) is sent once: sent
// at once, each one costs the page's next call a worker round trip, and the panel is a few milliseconds later
// instead. A record that meets a service worker in the middle of stopping is refused: it is sent again.
import type { PageCeremony } from '../messages.js';
import { quietTimer } from '../quietTimer.js';

export interface RecordQueue {
  /** Queues a record; a newer version of a queued one replaces it and moves to the end. */
  hold(record: PageCeremony): void;
  /** A call is on the way: what is queued waits for the pause after it. */
  busy(): void;
  /** Sends everything queued now. */
  flush(): void;
}

export interface RecordQueueOptions {
  send(record: PageCeremony): Promise<unknown>;
  quietMs: number;
  maxWaitMs: number;
  retryMs: number;
  retries: number;
}

export function recordQueue(o: RecordQueueOptions): RecordQueue {
  const held = new Map<string, PageCeremony>();
  const timer = quietTimer(o.quietMs, o.maxWaitMs, () => flush());
  const sendOne = (record: PageCeremony, triesLeft: number): void => {
    try {
      o.send(record).catch(() => {
        if (triesLeft > 0) setTimeout(() => sendOne(record, triesLeft - 1), o.retryMs);
      });
    } catch {
      // Orphaned (the extension was reloaded): nothing can take the record.
    }
  };
  const flush = (): void => {
    timer.cancel();
    for (const record of held.values()) sendOne(record, o.retries);
    held.clear();
  };
  return {
    hold(record) {
      held.delete(record.id);
      held.set(record.id, record);
      timer.poke();
    },
    busy() {
      if (held.size) timer.poke();
    },
    flush,
  };
}
