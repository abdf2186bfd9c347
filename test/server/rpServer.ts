// A small relying party for tests and the demo, on http://localhost (a secure context), verifying with
// @simplewebauthn/server. It listens on two ports so a cross-origin frame exists (another port is another
// origin). Usage: const rp = await startRpServer(); rp.url, rp.crossOriginUrl; await rp.close().
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import type { DemoScan } from './demoScan.js';
import { badRpPage, blankPage, demoPage, frameHostPage, nestPage } from './pages.js';

/** One API call as a server's request log keeps it: the path, the JSON it received and what it answered. */
export interface LoggedRequest {
  path: string;
  body: unknown;
  status: number;
  answer: unknown;
}

export interface RpServer {
  url: string;
  crossOriginUrl: string;
  /** The API calls it served, oldest first (what a developer would copy out of the server's log). */
  requests: LoggedRequest[];
  close(): Promise<void>;
}
interface User {
  id: string;
  credentials: WebAuthnCredential[];
  challenge?: string;
}

const CLIENT_JS = readFileSync(new URL('./client.js', import.meta.url), 'utf8');
const RP_ID = 'localhost';

export async function startRpServer(
  opts: { port?: number; crossPort?: number; scan?: DemoScan } = {},
): Promise<RpServer> {
  const users = new Map<string, User>();
  const origins: string[] = [];
  const requests: LoggedRequest[] = [];
  const userOf = (name: string): User => {
    let u = users.get(name);
    if (!u) users.set(name, (u = { id: Buffer.from(`uid-${name}`).toString('base64url'), credentials: [] }));
    return u;
  };

  async function api(
    path: string,
    body: { username?: string; response?: unknown; overrides?: { bad?: boolean } & Record<string, unknown> },
  ): Promise<[number, unknown]> {
    const user = userOf(String(body.username ?? 'alice'));
    const bad = body.overrides?.bad === true;
    switch (path) {
      case '/register/options': {
        const options = await generateRegistrationOptions({
          rpName: 'Test RP',
          rpID: RP_ID,
          userName: String(body.username ?? 'alice'),
          userID: new TextEncoder().encode(bad ? String(body.username) : `uid-${body.username}`),
          attestationType: bad ? 'direct' : 'none',
          excludeCredentials: bad ? [] : user.credentials.map((c) => ({ id: c.id, transports: c.transports })),
          authenticatorSelection: {
            residentKey: bad ? 'required' : 'preferred',
            userVerification: 'preferred',
            ...(bad ? { requireResidentKey: false } : {}),
          },
          supportedAlgorithmIDs: bad ? [-7] : [-7, -257],
          ...(bad ? { challenge: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), timeout: 5000 } : {}),
        });
        user.challenge = options.challenge;
        return [
          200,
          bad
            ? { ...options, authenticatorSelection: { ...options.authenticatorSelection, requireResidentKey: false } }
            : options,
        ];
      }
      case '/register/verify': {
        try {
          const v = await verifyRegistrationResponse({
            response: body.response as never,
            expectedChallenge: user.challenge ?? '',
            expectedOrigin: origins,
            expectedRPID: RP_ID,
            requireUserVerification: false,
          });
          if (v.verified && v.registrationInfo) user.credentials.push(v.registrationInfo.credential);
          return [
            v.verified ? 200 : 400,
            {
              verified: v.verified,
              fmt: v.registrationInfo?.fmt,
              aaguid: v.registrationInfo?.aaguid,
              credentialId: v.registrationInfo?.credential.id,
            },
          ];
        } catch (e) {
          return [400, { verified: false, reason: (e as Error).message }];
        }
      }
      case '/login/options': {
        const options = await generateAuthenticationOptions({
          rpID: RP_ID,
          userVerification: 'preferred',
          allowCredentials: user.credentials.map((c) => ({ id: c.id, ...(bad ? {} : { transports: c.transports }) })),
          ...(bad ? { challenge: new Uint8Array([9, 9, 9, 9]), timeout: 5000 } : {}),
        });
        user.challenge = options.challenge;
        return [200, options];
      }
      case '/login/verify': {
        const response = body.response as { id?: string };
        const credential = user.credentials.find((c) => c.id === response?.id);
        if (!credential) return [400, { verified: false, reason: 'unknown credential' }];
        try {
          const v = await verifyAuthenticationResponse({
            response: body.response as never,
            expectedChallenge: user.challenge ?? '',
            expectedOrigin: origins,
            expectedRPID: RP_ID,
            credential,
            requireUserVerification: false,
          });
          if (v.verified) credential.counter = v.authenticationInfo.newCounter;
          return [v.verified ? 200 : 400, { verified: v.verified, newCounter: v.authenticationInfo.newCounter }];
        } catch (e) {
          return [400, { verified: false, reason: (e as Error).message }];
        }
      }
      default:
        return [404, { error: 'no such endpoint' }];
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    // The demo's security scan (npm start): run it, then show its scorecard.
    if (url.pathname === '/scan/run' && req.method === 'POST') {
      if (!opts.scan) return send(404, 'application/json', JSON.stringify({ error: 'no scan on this server' }));
      opts.scan.run().then(
        (card) => send(200, 'application/json', JSON.stringify({ summary: card.summary, durationMs: card.durationMs })),
        (e: Error) => send(500, 'application/json', JSON.stringify({ error: e.message })),
      );
      return;
    }
    if (url.pathname === '/scan/scorecard.html') {
      const html = opts.scan?.html();
      return html ? send(200, 'text/html', html) : send(404, 'text/plain', 'no scan has run yet');
    }
    if (req.method === 'POST') {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c;
      });
      req.on('end', () => {
        let body: Parameters<typeof api>[1] = {};
        try {
          body = JSON.parse(raw || '{}') as typeof body;
        } catch {
          /* empty body */
        }
        api(url.pathname, body).then(
          ([status, json]) => {
            requests.push({ path: url.pathname, body, status, answer: json });
            send(status, 'application/json', JSON.stringify(json));
          },
          (e: Error) => send(500, 'application/json', JSON.stringify({ error: e.message })),
        );
      });
      return;
    }
    const pages: Record<string, () => [string, string]> = {
      '/': () => ['text/html', demoPage()],
      '/bad-rp.html': () => ['text/html', badRpPage()],
      '/frame-host.html': () => ['text/html', frameHostPage(origins[1]!)],
      '/blank.html': () => ['text/html', blankPage()],
      '/nest.html': () => [
        'text/html',
        nestPage(url.searchParams.get('inner') ?? '/blank.html', url.searchParams.get('allow') !== 'none'),
      ],
      '/client.js': () => ['text/javascript', CLIENT_JS],
    };
    const p = pages[url.pathname];
    if (p) send(200, ...p());
    else send(404, 'text/plain', 'not found');
  };

  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(handler);
      s.once('error', reject);
      s.listen(port, 'localhost', () => resolve(s));
    });
  const a = await listen(opts.port ?? 0);
  const b = await listen(opts.crossPort ?? 0);
  origins.push(
    `http://localhost:${(a.address() as AddressInfo).port}`,
    `http://localhost:${(b.address() as AddressInfo).port}`,
  );
  return {
    url: origins[0]!,
    crossOriginUrl: origins[1]!,
    requests,
    close: () =>
      Promise.all(
        [a, b].map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      ).then(() => undefined),
  };
}
