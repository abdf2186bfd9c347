// The page's direct port to the worker (Chromium): opened at the frame's first WebAuthn call while the mock
// is on for it, handed to the mock's page side, and opened again at the first call after the worker stopped (never just to keep one:
// that would wake a stopped worker for nothing). A page whose CSP blocks the relay frame keeps the bridge.
import { PAGE_CHANNEL, type BridgeToPage } from '../messages.js';
import { openDirectPort } from './directPort.js';
import type { WorkerPort } from './workerPort.js';

export interface DirectPortState {
  /** Opens a port for the page's mock side unless it has one (or the relay failed here). */
  offer(): void;
  /** A mock side arrived that never saw a port handed over: it gets a new one at the next offer. */
  renew(): void;
}

export function directPortState(
  api: typeof chrome,
  worker: WorkerPort,
  toPage: (m: BridgeToPage) => void,
): DirectPortState {
  let state: 'none' | 'opening' | 'open' | 'failed' = 'none';
  let generation = 0;
  /** The page holds a port bound to the current runtime port; it must hear when that one closes. */
  let pageHasPort = false;

  worker.onClosed(() => {
    generation++;
    if (pageHasPort) toPage({ channel: PAGE_CHANNEL, type: 'direct/closed' });
    pageHasPort = false;
    if (state !== 'failed') state = 'none';
  });

  const offer = (): void => {
    if (__BROWSER__ !== 'chrome' || state !== 'none') return;
    // The relay frame needs a root element to hang from; at document_start there may be none yet.
    if (!document.documentElement) {
      document.addEventListener('DOMContentLoaded', offer, { once: true });
      return;
    }
    state = 'opening';
    const mine = generation;
    const offered = (secret: string) => worker.request({ type: 'direct/offer', secret }).answer.then((o) => o.ok);
    void openDirectPort(api, offered).then(
      (port) => {
        if (mine !== generation) {
          port?.close();
          return;
        }
        state = port ? 'open' : 'failed';
        if (!port) return;
        pageHasPort = true;
        window.postMessage({ channel: PAGE_CHANNEL, type: 'direct/port' } satisfies BridgeToPage, '*', [port]);
      },
      () => {
        if (mine === generation) state = 'failed';
      },
    );
  };

  return {
    offer,
    renew: () => {
      if (state === 'open') state = 'none';
    },
  };
}
