// A static server over a web-platform-tests checkout, on localhost (a secure context in both browsers).
// WPT's own server is Python and not on this machine; the webauthn/ tests need only static files, and two
// files a runner supplies itself: testharnessreport.js (how results reach the runner) and
// testdriver-vendor.js (how test_driver's virtual-authenticator commands reach the runner). Ours are served
// in their place. Like WPT's server, it wraps a `.window.js` test in the page that runs it (its `// META:`
// lines giving the timeout and scripts), and serves /resources/WebIDLParser.js from webidl2.
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

const ALIASES: Record<string, string> = { '/resources/WebIDLParser.js': '/resources/webidl2/lib/webidl2.js' };

const escape = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page WPT's server generates for `<name>.window.js` at `<name>.window.html`. */
export function windowTestPage(script: string, source: string): string {
  const meta = [...source.matchAll(/^\/\/ META: (\w+)=(.*)$/gm)].map(([, key, value]) => [key!, value!.trim()]);
  const lines = ['<!doctype html>', '<meta charset="utf-8">'];
  for (const [key, value] of meta) {
    if (key === 'timeout' && value === 'long') lines.push('<meta name="timeout" content="long">');
    if (key === 'title') lines.push(`<title>${escape(value)}</title>`);
  }
  lines.push(
    '<script src="/resources/testharness.js"></script>',
    '<script src="/resources/testharnessreport.js"></script>',
  );
  for (const [key, value] of meta) if (key === 'script') lines.push(`<script src="${escape(value)}"></script>`);
  lines.push('<div id="log"></div>', `<script src="${escape(script)}"></script>`);
  return lines.join('\n');
}

export interface WptServer {
  url(path: string): string;
  close(): Promise<void>;
}

export async function serveWpt(root: string): Promise<WptServer> {
  const server: Server = createServer((req, res) => {
    const asked = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = ALIASES[asked] ?? asked;
    const local = (p: string) => join(root, normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (path.endsWith('.window.html')) {
      const script = path.replace(/\.html$/, '.js');
      readFile(local(script), 'utf8').then(
        (source) =>
          res
            .writeHead(200, { 'content-type': TYPES['.html']! })
            .end(windowTestPage(script.slice(script.lastIndexOf('/') + 1), source)),
        () => res.writeHead(404).end(),
      );
      return;
    }
    const file = OURS[path] ?? local(path);
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
