// Subscribes to a log source for the life of the component and folds its events into LogState.
// Events that arrive in a burst (a snapshot then many upserts) are applied together, once per ~frame (a timer, not requestAnimationFrame, which stops in a hidden panel).
import { useEffect, useState } from 'preact/hooks';
import type { LogEvent, LogSource } from './logSource.js';
import { applyLogEvent, emptyLog, type LogState } from './logStore.js';

export function useLog(source: LogSource): LogState {
  const [state, setState] = useState<LogState>(emptyLog);
  useEffect(() => {
    let queue: LogEvent[] = [];
    let scheduled = false;
    const flush = (): void => {
      scheduled = false;
      const events = queue;
      queue = [];
      setState((s) => events.reduce(applyLogEvent, s));
    };
    const stop = source.subscribe((e) => {
      queue.push(e);
      if (scheduled) return;
      scheduled = true;
      // The first snapshot renders at once; later bursts coalesce.
      if (e.type === 'snapshot' && queue.length === 1) queueMicrotask(flush);
      else setTimeout(flush, 16);
    });
    return stop;
  }, [source]);
  return state;
}
