// The relay frame (content/relay.html): an extension page the bridge puts in the page for a moment, because
// only an extension page can hand a MessagePort to the extension's service worker. It forwards what its
// parent posts (`relay/port` with a secret, and one port) and nothing else; the worker decides whether the secret is good.
import type { RelayToWorker } from '../messages.js';

addEventListener('message', (e: MessageEvent) => {
  const port = e.ports[0];
  const data = e.data as Partial<RelayToWorker> | null;
  const secret = data?.secret;
  if (e.source !== parent || !port || data?.type !== 'relay/port' || typeof secret !== 'string') return;
  void navigator.serviceWorker.ready.then((r) =>
    r.active?.postMessage({ type: 'relay/port', secret } satisfies RelayToWorker, [port]),
  );
});
