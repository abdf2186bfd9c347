// A relying party for the RP security scan, with every check it makes listed in a table and switchable off:
// `vulnerable: ['origin']` makes it skip the origin check, and nothing else. It verifies registrations (with
// direct attestation: packed, chaining to the trust anchor it is given) and sign-ins by hand, in the order of
// WebAuthn L3 §7.1 and §7.2, and serves a page whose register/login flows the scan drives.
import { createHash, createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import 'reflect-metadata';
import { decodeAttestationObject } from '../../src/webauthn/attestation/attestationObject.js';
import { decodeAuthenticatorData, type AuthenticatorData } from '../../src/webauthn/authenticatorData.js';

export const SCAN_CHECKS = [
  'type',
  'challenge',
  'origin',
  'cross-origin',
  'rpid',
  'up',
  'uv',
  'backup-flags',
  'alg',
  'credential-id-length',
  'credential-id-unique',
  'attestation-required',
  'attestation-signature',
  'attestation-trust',
  'attestation-aaguid',
  'attestation-validity',
  'backup-eligibility',
  'signcount',
  'allow-credentials',
  'user-handle',
  'signature',
] as const;
export type ScanCheck = (typeof SCAN_CHECKS)[number];

/** Which check refuses each tampering of the catalogue (ceremony:id). */
export const CHECK_OF: Record<string, ScanCheck> = Object.fromEntries(
  (['create', 'get'] as const).flatMap((c) => [
    [`${c}:type-unknown`, 'type'],
    [`${c}:type-swapped`, 'type'],
    [`${c}:challenge-bitflip`, 'challenge'],
    [`${c}:challenge-reused`, 'challenge'],
    [`${c}:origin-other-site`, 'origin'],
    [`${c}:origin-subdomain`, 'origin'],
    [`${c}:origin-parent`, 'origin'],
    [`${c}:cross-origin-true`, 'cross-origin'],
    [`${c}:rpidhash-other-site`, 'rpid'],
    [`${c}:rpidhash-subdomain`, 'rpid'],
    [`${c}:up-clear`, 'up'],
    [`${c}:uv-clear`, 'uv'],
    [`${c}:bs-without-be`, 'backup-flags'],
  ]),
);
Object.assign(CHECK_OF, {
  'create:alg-not-requested': 'alg',
  'create:credential-id-too-long': 'credential-id-length',
  'create:credential-id-taken': 'credential-id-unique',
  'create:credential-key-replaced': 'credential-id-unique',
  'create:attestation-signature-bitflip': 'attestation-signature',
  'create:attestation-chain-untrusted': 'attestation-trust',
  'create:attestation-aaguid-mismatch': 'attestation-aaguid',
  'create:attestation-cert-expired': 'attestation-validity',
  'create:attestation-fmt-none': 'attestation-required',
  'get:be-changed': 'backup-eligibility',
  'get:signcount-rollback': 'signcount',
  'get:allow-credentials-ignored': 'allow-credentials',
  'get:user-handle-other-user': 'user-handle',
  'get:signature-bitflip': 'signature',
  'get:signature-other-key': 'signature',
});

interface Credential {
  id: string;
  user: string;
  userHandle: string;
  key: KeyObject;
  alg: number;
  signCount: number;
  backupEligible: boolean;
}
interface User {
  name: string;
  handle: string;
  challenge?: string;
}

const RP_ID = 'localhost';
const HASH: Record<number, string | null> = {
  [-7]: 'sha256',
  [-35]: 'sha384',
  [-36]: 'sha512',
  [-8]: null,
  [-257]: 'sha256',
};
const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest();
const b64 = (s: string) => Buffer.from(s, 'base64url');
const AAGUID_OID = '1.3.6.1.4.1.45724.1.1.4';

class Refused extends Error {}

export interface ScanRp {
  url: string;
  /** The checks it skips; set before a scan. */
  vulnerable: Set<ScanCheck>;
  /** The attestation root it trusts (the mock's). */
  trust(pem: string): void;
  close(): Promise<void>;
}

export async function startScanRp(): Promise<ScanRp> {
  const users = new Map<string, User>();
  const credentials = new Map<string, Credential>();
  const vulnerable = new Set<ScanCheck>();
  let root: X509Certificate | undefined;
  let origin = '';
  const check = (name: ScanCheck, ok: boolean, why: string) => {
    if (!ok && !vulnerable.has(name)) throw new Refused(`${name}: ${why}`);
  };
  const userOf = (name: string) => {
    let u = users.get(name);
    if (!u) users.set(name, (u = { name, handle: Buffer.from(`uid-${name}`).toString('base64url') }));
    return u;
  };
  const newChallenge = (u: User) =>
    (u.challenge = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'));

  /** §7.1 steps 5–15 and §7.2 steps 10–17, shared: client data, then authenticator data. */
  function collected(type: string, cdj: Buffer, u: User, auth: AuthenticatorData, uvRequired: boolean) {
    const c = JSON.parse(cdj.toString('utf8')) as Record<string, unknown>;
    check('type', c.type === type, `type is ${String(c.type)}`);
    check('challenge', c.challenge === u.challenge, 'challenge does not match');
    check('origin', c.origin === origin, `origin ${String(c.origin)}`);
    check('cross-origin', c.crossOrigin !== true, 'crossOrigin is true');
    check(
      'rpid',
      Buffer.from(auth.rpIdHash).equals(sha256(Buffer.from(RP_ID))),
      'rpIdHash is not SHA-256 of the RP ID',
    );
    check('up', auth.flags.UP, 'UP is clear');
    check('uv', !uvRequired || auth.flags.UV, 'UV is clear');
    check('backup-flags', auth.flags.BE || !auth.flags.BS, 'BS without BE');
    u.challenge = undefined;
  }

  async function register(u: User, r: { id: string; response: Record<string, unknown> }) {
    const cdj = b64(String(r.response.clientDataJSON));
    const ao = decodeAttestationObject(b64(String(r.response.attestationObject)));
    if (!ao.ok || !ao.value.authData.ok) throw new Refused('malformed attestationObject');
    const auth = ao.value.authData.value;
    const acd = auth.attestedCredentialData;
    if (!acd) throw new Refused('no attested credential data');
    collected('webauthn.create', cdj, u, auth, true);
    const alg = Number(r.response.publicKeyAlgorithm);
    check('alg', alg === -7, `algorithm ${alg} was not requested`);
    check('credential-id-length', acd.credentialId.length <= 1023, `credential id of ${acd.credentialId.length} bytes`);
    const id = Buffer.from(acd.credentialId).toString('base64url');
    check('credential-id-unique', !credentials.has(id), 'credential id already registered');
    // Attestation (§8.2 packed), asked as direct.
    const { fmt, attStmt } = ao.value;
    check('attestation-required', fmt === 'packed', `fmt ${fmt}`);
    if (fmt === 'packed') {
      const signed = Buffer.concat([Buffer.from(ao.value.authDataBytes), sha256(cdj)]);
      const x5c = attStmt.get('x5c') as Uint8Array[] | undefined;
      const sig = Buffer.from(attStmt.get('sig') as Uint8Array);
      const leaf = x5c?.[0] ? new X509Certificate(Buffer.from(x5c[0])) : undefined;
      const key =
        leaf?.publicKey ?? createPublicKey({ key: b64(String(r.response.publicKey)), format: 'der', type: 'spki' });
      const attAlg = Number(attStmt.get('alg'));
      check('attestation-signature', verify(HASH[attAlg] ?? null, signed, key, sig), 'attestation signature');
      if (leaf) {
        check('attestation-trust', !!root && leaf.verify(root.publicKey), 'chain does not end at a trusted root');
        const ext = new x509.X509Certificate(Buffer.from(x5c![0]!)).getExtension(AAGUID_OID);
        const certAaguid = ext ? Buffer.from(ext.value).subarray(2).toString('hex') : undefined;
        check('attestation-aaguid', certAaguid === Buffer.from(acd.aaguidBytes).toString('hex'), 'AAGUID differs');
        const now = Date.now();
        check(
          'attestation-validity',
          now >= Date.parse(leaf.validFrom) && now <= Date.parse(leaf.validTo),
          'certificate not valid now',
        );
      }
    }
    credentials.set(id, {
      id,
      user: u.name,
      userHandle: u.handle,
      key: createPublicKey({ key: b64(String(r.response.publicKey)), format: 'der', type: 'spki' }),
      alg,
      signCount: auth.signCount,
      backupEligible: auth.flags.BE,
    });
  }

  async function login(u: User, r: { id: string; response: Record<string, unknown> }) {
    const known = credentials.get(r.id);
    if (!known) throw new Refused('unknown credential');
    check('allow-credentials', known.user === u.name, 'credential of another user');
    const cdj = b64(String(r.response.clientDataJSON));
    const adBytes = b64(String(r.response.authenticatorData));
    const ad = decodeAuthenticatorData(adBytes);
    if (!ad.ok) throw new Refused('malformed authenticatorData');
    const handle = r.response.userHandle;
    check('user-handle', handle == null || handle === known.userHandle, 'userHandle of another user');
    collected('webauthn.get', cdj, u, ad.value, true);
    check('backup-eligibility', ad.value.flags.BE === known.backupEligible, 'BE changed since registration');
    const count = ad.value.signCount;
    check(
      'signcount',
      (count === 0 && known.signCount === 0) || count > known.signCount,
      `sign count ${count} after ${known.signCount}`,
    );
    const signed = Buffer.concat([adBytes, sha256(cdj)]);
    check(
      'signature',
      verify(HASH[known.alg] ?? null, signed, known.key, b64(String(r.response.signature))),
      'signature',
    );
    known.signCount = count;
  }

  const api: Record<
    string,
    (u: User, body: { response?: { id: string; response: Record<string, unknown> } }) => Promise<unknown>
  > = {
    '/register/options': async (u) => ({
      rp: { id: RP_ID, name: 'Scan RP' },
      user: { id: u.handle, name: u.name, displayName: u.name },
      challenge: newChallenge(u),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      attestation: 'direct',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    }),
    '/register/verify': async (u, b) => register(u, b.response!),
    '/login/options': async (u) => ({
      challenge: newChallenge(u),
      rpId: RP_ID,
      userVerification: 'required',
      allowCredentials: [...credentials.values()]
        .filter((c) => c.user === u.name)
        .map((c) => ({ type: 'public-key', id: c.id })),
    }),
    '/login/verify': async (u, b) => login(u, b.response!),
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Scan RP</title>');
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as {
        username?: string;
        response?: { id: string; response: Record<string, unknown> };
      };
      const handler = api[path];
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json ?? { ok: true }));
      };
      if (!handler) return reply(404, { error: 'no such endpoint' });
      handler(userOf(String(body.username)), body).then(
        (v) => reply(200, v),
        (e: Error) => reply(e instanceof Refused ? 400 : 500, { error: e.message }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    vulnerable,
    trust: (pem) => (root = new X509Certificate(pem)),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The RP's page flows, for scan(): run in the browser page; throw with the RP's reason when it refuses. */
export interface EvaluatingPage {
  goto(url: string): Promise<unknown>;
  evaluate(fn: never, arg: never): Promise<unknown>;
}
export function scanFlows(rp: { url: string }) {
  const flow =
    (kind: 'register' | 'login') =>
    async ({ page, username }: { page: EvaluatingPage; username: string }) => {
      if (!(await (page as { url?: () => string }).url?.())?.startsWith(rp.url)) {
        await page.goto(`${rp.url}/`);
        // tsx names functions with __name; the page needs it defined for the flow below.
        await page.evaluate('globalThis.__name = (f) => f' as never, undefined as never);
      }
      const run = async ([k, user]: [string, string]) => {
        const post = async (path: string, body: object) => {
          const r = await fetch(path, { method: 'POST', body: JSON.stringify({ username: user, ...body }) });
          const json = (await r.json()) as { error?: string };
          if (!r.ok) throw new Error(json.error ?? `HTTP ${r.status}`);
          return json;
        };
        try {
          const options = await post(`/${k}/options`, {});
          const c = (await (k === 'register'
            ? navigator.credentials.create({
                publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(
                  options as PublicKeyCredentialCreationOptionsJSON,
                ),
              })
            : navigator.credentials.get({
                publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(
                  options as PublicKeyCredentialRequestOptionsJSON,
                ),
              }))) as PublicKeyCredential;
          await post(`/${k}/verify`, { response: c.toJSON() });
          return { ok: true as const };
        } catch (e) {
          return { ok: false as const, error: `${(e as Error).name}: ${(e as Error).message}` };
        }
      };
      const out = (await page.evaluate(run as never, [kind, username] as never)) as { ok: boolean; error?: string };
      if (!out.ok) throw new Error(out.error);
    };
  return { register: flow('register'), login: flow('login') };
}
