// A static server over a web-platform-tests checkout, on localhost (a secure context in both browsers).
// WPT's own server is Python and not on this machine; the webauthn/ tests need only static files, and two
// files a runner supplies itself: testharnessreport.js (how results reach the runner) and
// testdriver-vendor.js (how test_driver's virtual-authenticator commands reach the runner). Ours are served
// in their place.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const OURS: Record<string, string> = {
  '/resources/testharnessreport.js': join(HERE, 'page', 'testharnessreport.js'),
  '/resources/testdriver-vendor.js': join(HERE, 'page', 'testdriver-vendor.js'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.idl': 'text/plain',
};

export interface WptServer {
  url(path: string): string;
  close(): Promise<void>;
}

export async function serveWpt(root: string): Promise<WptServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = OURS[path] ?? join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://localhost:${port}${path}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
