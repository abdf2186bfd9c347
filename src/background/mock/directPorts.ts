// Direct ports (Chromium): a MessagePort from a frame straight to this service worker, which a page's
// MessagePort reaches without the browser's extension-message routing. Only an extension page can hand
// a port to the worker, so the bridge puts the relay frame (content/relay.html) in the page for a moment;
// the relay forwards { secret } and the port. A port is accepted only with a secret that a bridge offered
// on its runtime port (calls.ts) in the last OFFER_MS: it then speaks for that port's browser-named
// caller. Anything else that arrives is closed.
import type { RelayToWorker } from '../../messages.js';

const OFFER_MS = 10_000;
const offers = new Map<string, { attach: (port: MessagePort) => void; expiry: ReturnType<typeof setTimeout> }>();

export function acceptDirectPort(secret: string, attach: (port: MessagePort) => void): void {
  if (secret.length < 32 || secret.length > 128 || offers.has(secret)) return;
  offers.set(secret, { attach, expiry: setTimeout(() => offers.delete(secret), OFFER_MS) });
}

/** Registered at the worker's top level, as every listener must be. No-op where the background is a page. */
export function listenForDirectPorts(): void {
  if (!('ServiceWorkerGlobalScope' in globalThis)) return;
  self.addEventListener('message', (e: MessageEvent) => {
    const port = e.ports[0];
    const data = e.data as Partial<RelayToWorker> | null;
    const secret = data?.type === 'relay/port' ? data.secret : undefined;
    const offer = typeof secret === 'string' && e.origin === self.location.origin ? offers.get(secret) : undefined;
    if (!port || !offer) {
      port?.close();
      return;
    }
    offers.delete(secret!);
    clearTimeout(offer.expiry);
    offer.attach(port);
  });
}

// Chromium stops a worker after 30 s without an extension event or API call, and messages on a MessagePort
// are neither: a direct call makes an API call as it arrives (unless one was made in the last TOUCH_EVERY_MS),
// and another every KEEP_ALIVE_MS while any call waits (a conditional get can wait for minutes).
const KEEP_ALIVE_MS = 20_000;
const busy = new Set<() => boolean>();
let keepAlive: ReturnType<typeof setInterval> | undefined;
/** One API call per TOUCH_EVERY_MS is plenty for a 30 s timer; each is a round trip to the browser. */
const TOUCH_EVERY_MS = 5_000;
let touched = 0;
const touch = () => {
  touched = Date.now();
  void chrome.runtime.getPlatformInfo().catch(() => undefined);
};

export function keepWorkerAlive(busyWhile: () => boolean): void {
  if (Date.now() - touched > TOUCH_EVERY_MS) setTimeout(touch, 0); // after this task: the call's own work goes first
  busy.add(busyWhile);
  keepAlive ??= setInterval(() => {
    for (const b of busy) if (!b()) busy.delete(b);
    if (busy.size) {
      touch();
      return;
    }
    clearInterval(keepAlive);
    keepAlive = undefined;
  }, KEEP_ALIVE_MS);
}
