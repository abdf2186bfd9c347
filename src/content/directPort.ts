// The bridge's half of a direct port (Chromium; background/mock/directPorts.ts has the worker's): it offers a
// one-time secret on its runtime port, puts the relay frame in the page just long enough to hand the worker
// a MessagePort with that secret, and gives the other end to the caller once the worker says it is bound.
// The secret goes only to the extension's own origin, so a frame the page navigates elsewhere never sees it.
import { RELAY_PAGE, type BridgeToRelay, type WorkerToPage } from '../messages.js';

/** A relay that has not brought the port back by then failed (a page whose CSP blocks the frame). */
const RELAY_WAIT_MS = 5_000;

/** `offer` sends the secret on the runtime port and resolves once the worker has registered it. */
export async function openDirectPort(
  api: typeof chrome,
  offer: (secret: string) => Promise<boolean>,
): Promise<MessagePort | undefined> {
  const secret = `${crypto.randomUUID()}${crypto.randomUUID()}`;
  if (!(await offer(secret))) return undefined;
  return new Promise((resolve) => {
    // The relay is reached by a per-session URL (use_dynamic_url: no site can probe for it), but its document
    // is the extension's own origin, the only one the secret may go to.
    const relayUrl = api.runtime.getURL(RELAY_PAGE);
    const extensionOrigin = `chrome-extension://${api.runtime.id}`;
    const { port1, port2 } = new MessageChannel();
    const frame = document.createElement('iframe');
    const done = (port: MessagePort | undefined) => {
      clearTimeout(timer);
      frame.remove();
      port1.onmessage = null;
      if (!port) port1.close();
      resolve(port);
    };
    const timer = setTimeout(() => done(undefined), RELAY_WAIT_MS);
    port1.onmessage = (e: MessageEvent) => {
      if ((e.data as Partial<WorkerToPage> | null)?.type === 'direct/ready') done(port1);
    };
    frame.addEventListener(
      'load',
      () =>
        frame.contentWindow?.postMessage({ type: 'relay/port', secret } satisfies BridgeToRelay, extensionOrigin, [
          port2,
        ]),
      { once: true },
    );
    frame.src = relayUrl;
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.display = 'none';
    document.documentElement.appendChild(frame);
  });
}
