// A local HTTPS server for the test hosts (*.test), with a self-signed certificate made at start, for what
// needs https on a real domain: Related Origin Requests' `https://<rp id>/.well-known/webauthn`. Each host
// gets a blank page; `wellKnown` answers the RP ID's related-origins list.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { webcrypto } from 'node:crypto';

export interface HttpsServer {
  port: number;
  /** https://<host>:<port> */
  origin(host: string): string;
  close(): Promise<void>;
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

async function selfSigned(hosts: readonly string[]): Promise<{ key: string; cert: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${hosts[0]}`,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 24 * 3600_000),
    signingAlgorithm: alg,
    keys,
    extensions: [new x509.SubjectAlternativeNameExtension(hosts.map((h) => ({ type: 'dns' as const, value: h })))],
  });
  return {
    key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    cert: cert.toString('pem'),
  };
}

export async function startHttpsServer(o: {
  hosts: readonly string[];
  /** The related-origins JSON for a request's host, or undefined for a 404. */
  wellKnown(host: string, port: number): unknown;
}): Promise<HttpsServer> {
  const tls = await selfSigned(o.hosts);
  let port = 0;
  const server: Server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (req.url === '/.well-known/webauthn') {
      const body = o.wellKnown(host, port);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>https</title><p>https page</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: (host) => `https://${host}:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
