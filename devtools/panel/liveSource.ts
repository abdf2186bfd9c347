// The live log of one tab, streamed by the background over a PANEL_PORT port. The service worker may idle out
// or restart at any time, which disconnects the port: we reconnect and re-subscribe, and the fresh snapshot
// replaces what we hold, so nothing is lost or doubled.
import { PANEL_PORT, type PanelToWorker, type WorkerToPanel } from '../../src/messages.js';
import type { LogEvent, LogSource } from './logSource.js';

const RETRY_MS = [100, 250, 500, 1000, 2000];

export function liveSource(tabId: number): LogSource {
  let port: chrome.runtime.Port | undefined;
  let listener: ((e: LogEvent) => void) | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const send = (m: PanelToWorker): void => {
    try {
      port?.postMessage(m);
    } catch {
      // A port that died between checks: onDisconnect reconnects, and the snapshot carries the state.
    }
  };

  const connect = (): void => {
    if (stopped) return;
    try {
      port = chrome.runtime.connect({ name: PANEL_PORT });
    } catch {
      retry();
      return;
    }
    port.onMessage.addListener((m: WorkerToPanel) => {
      attempt = 0;
      // Connected means the background answered, not just that a port exists (a dead worker's port may too).
      if (m.type === 'snapshot') {
        listener?.({ type: 'connection', connected: true });
        listener?.({ type: 'snapshot', ceremonies: m.ceremonies, preserveLog: m.preserveLog, dropped: m.dropped });
      } else listener?.(m);
    });
    port.onDisconnect.addListener(() => {
      void chrome.runtime.lastError;
      port = undefined;
      listener?.({ type: 'connection', connected: false });
      retry();
    });
    send({ type: 'subscribe', tabId });
  };

  const retry = (): void => {
    if (stopped) return;
    const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
    timer = setTimeout(connect, delay);
  };

  return {
    kind: 'live',
    subscribe(l) {
      listener = l;
      stopped = false;
      connect();
      return () => {
        stopped = true;
        listener = undefined;
        clearTimeout(timer);
        port?.disconnect();
        port = undefined;
      };
    },
    clear: () => send({ type: 'clear' }),
    setPreserveLog(enabled) {
      send({ type: 'preserve-log', enabled });
      listener?.({ type: 'preserve-log', enabled });
    },
  };
}
