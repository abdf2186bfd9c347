// A timer for sending in bursts: `flush` runs once pokes pause for `quietMs`, and at the latest `maxMs` after
// the first poke since the last flush, so steady activity cannot hold it back for ever. The bridge's record
// queue sends its batches with it.
export interface QuietTimer {
  /** Activity: (re)starts the quiet period. */
  poke(): void;
  /** Forgets the pending flush (the caller flushed, or dropped what was pending). */
  cancel(): void;
}

export function quietTimer(quietMs: number, maxMs: number, flush: () => void): QuietTimer {
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke() {
      const now = Date.now();
      if (timer === undefined) since = now;
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          timer = undefined;
          flush();
        },
        Math.max(0, Math.min(quietMs, since + maxMs - now)),
      );
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
