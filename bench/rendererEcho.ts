// A frame of another site, in its own renderer process, that echoes on a MessagePort: the round trip to it is
// what any page-to-renderer message costs on this machine, with no extension involved. Set beside the round
// trip to the browser process, it shows how much of the mock's is the platform's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

const ECHO_PAGE = `<!doctype html><script>
onmessage = (e) => { const p = e.ports[0]; if (!p) return; p.onmessage = (m) => p.postMessage(m.data); p.postMessage('ready'); };
</script>`;

/** Serves the echo frame on 127.0.0.1, another site than the RP's localhost. */
export async function startEchoSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(ECHO_PAGE),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Puts the echo frame in `page` and keeps a port to it for `otherRendererRoundTrip`. */
export function addEchoFrame(page: Page, url: string): Promise<void> {
  return page.evaluate(async (src) => {
    const frame = document.createElement('iframe');
    frame.id = 'echo-frame';
    frame.src = src;
    await new Promise((r) => {
      frame.onload = r;
      document.body.append(frame);
    });
    const { port1, port2 } = new MessageChannel();
    await new Promise<void>((r) => {
      port1.onmessage = () => r();
      frame.contentWindow!.postMessage(0, '*', [port2]);
    });
    (globalThis as { __echoPort?: MessagePort }).__echoPort = port1;
  }, url);
}

export function removeEchoFrame(page: Page): Promise<void> {
  return page.evaluate(() => document.getElementById('echo-frame')?.remove());
}

/** Per call, over `n` echoes of a message the size of a mock get() request. */
export async function otherRendererRoundTrip(n: number): Promise<number> {
  const port = (globalThis as { __echoPort?: MessagePort }).__echoPort!;
  const message = 'x'.repeat(600);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await new Promise((r) => {
      port.onmessage = r;
      port.postMessage(message);
    });
  }
  return (performance.now() - t0) / n;
}
