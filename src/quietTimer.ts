// A timer for sending in bursts: `flush` runs once pokes pause for `quietMs`, and at the latest `maxMs` after
// the first poke since the last flush, so steady activity cannot hold it back for ever. The bridge's record
// queue sends its batches with it, and the mock's credential store its lazy writes. A poke only notes the time:
// one comes with every call, and resetting a timer each time cost more than the rest of the bookkeeping.
export interface QuietTimer {
  /** Activity: (re)starts the quiet period. */
  poke(): void;
  /** Forgets the pending flush (the caller flushed, or dropped what was pending). */
  cancel(): void;
}

export function quietTimer(quietMs: number, maxMs: number, flush: () => void): QuietTimer {
  let since = 0;
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const due = () => Math.min(last + quietMs, since + maxMs);
  const arm = (now: number) => {
    timer = setTimeout(fire, Math.max(0, due() - now));
  };
  function fire(): void {
    const now = Date.now();
    // Pokes since the timer was set moved the deadline on: wait out the rest.
    if (now < due()) return arm(now);
    timer = undefined;
    flush();
  }
  return {
    poke() {
      last = Date.now();
      if (timer !== undefined) return;
      since = last;
      arm(last);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
