// Transparency: the same scenario matrix (valid, malformed options, excluded credential, no credential,
// aborted, conditional, statics, non-public-key calls) run in Chromium without the extension and with it
// gives the same outcomes and error names; with it, every public-key call is in the log with the outcome
// the page saw. Two browsers on purpose: the comparison needs one without the extension.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addVirtualAuthenticator, launchChromium, type ChromiumSession } from '../helpers/chromium.js';
import { startRpServer, type RpServer } from '../server/rpServer.js';

/** Runs in the page; returns a comparable summary of each scenario's outcome. */
async function runMatrix(): Promise<Array<{ name: string; outcome: string }>> {
  const b64 = (b: Uint8Array) =>
    btoa(String.fromCharCode(...b))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const challenge = () => crypto.getRandomValues(new Uint8Array(32));
  const user = (n: number) => ({
    id: new TextEncoder().encode(`user-${n}`),
    name: `user${n}`,
    displayName: `User ${n}`,
  });
  const rp = { id: 'localhost', name: 'RP' };
  const es256 = [{ type: 'public-key', alg: -7 }] as PublicKeyCredentialParameters[];
  const summary = (c: unknown) => {
    const cred = c as PublicKeyCredential | null;
    if (!cred) return `ok:${String(cred)}`;
    if (!(cred instanceof PublicKeyCredential)) return `ok:${typeof cred}`;
    const r = cred.response as AuthenticatorAttestationResponse;
    return `ok:${cred.type}:${cred.authenticatorAttachment}:${r.constructor.name}:${Object.keys(cred.getClientExtensionResults()).sort().join(',')}`;
  };
  // A call that never settles (a browser waiting for a user) counts as 'pending' after 4 s.
  const settle = async (f: () => Promise<unknown>) => {
    try {
      return await Promise.race([f().then(summary), new Promise<string>((r) => setTimeout(() => r('pending'), 4000))]);
    } catch (e) {
      return `error:${(e as Error).name}`;
    }
  };
  let credId: Uint8Array = new Uint8Array();
  const aborted = () => {
    const c = new AbortController();
    c.abort();
    return c.signal;
  };
  const create =
    (publicKey: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    () =>
      navigator.credentials.create({ publicKey: publicKey as unknown as PublicKeyCredentialCreationOptions, ...extra });
  const get =
    (publicKey: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    () =>
      navigator.credentials.get({ publicKey: publicKey as unknown as PublicKeyCredentialRequestOptions, ...extra });
  /** Options whose challenge getter throws, as a page's proxy or accessor might. */
  const throwing = (publicKey: Record<string, unknown>) =>
    Object.defineProperty({ ...publicKey }, 'challenge', {
      enumerable: true,
      get() {
        throw new RangeError('a getter of the page threw');
      },
    });
  /** The browser rejects the promise; a synchronous throw would be a difference the page can see. */
  const noSyncThrow = (f: () => Promise<unknown>) => () => {
    try {
      return f();
    } catch {
      return Promise.reject(new DOMException('thrown synchronously', 'SyncThrow'));
    }
  };
  const scenarios: Array<[string, () => Promise<unknown>]> = [
    [
      'create with a throwing getter in the options',
      noSyncThrow(create(throwing({ rp, user: user(90), pubKeyCredParams: es256 }))),
    ],
    ['get with a throwing getter in the options', noSyncThrow(get(throwing({ rpId: 'localhost' })))],
    // Aborted before it starts: Chromium's virtual authenticator settles conditional requests within
    // milliseconds, so any timed abort would race it.
    [
      'conditional get aborted',
      get({ challenge: challenge(), rpId: 'localhost' }, { mediation: 'conditional', signal: aborted() }),
    ],
    [
      'create valid ES256',
      async () => {
        const c = (await navigator.credentials.create({
          publicKey: {
            rp,
            user: user(1),
            challenge: challenge(),
            pubKeyCredParams: es256,
            authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
            extensions: { credProps: true },
          },
        })) as PublicKeyCredential;
        credId = new Uint8Array(c.rawId);
        return c;
      },
    ],
    [
      'get valid with allow list',
      () =>
        get({ challenge: challenge(), rpId: 'localhost', allowCredentials: [{ type: 'public-key', id: credId }] })(),
    ],
    ['get discoverable (empty allow list)', get({ challenge: challenge(), rpId: 'localhost' })],
    [
      'create excluded credential',
      () =>
        create({
          rp,
          user: user(1),
          challenge: challenge(),
          pubKeyCredParams: es256,
          excludeCredentials: [{ type: 'public-key', id: credId }],
        })(),
    ],
    [
      'create no supported algorithm',
      create({ rp, user: user(2), challenge: challenge(), pubKeyCredParams: [{ type: 'public-key', alg: -9999 }] }),
    ],
    ['create empty pubKeyCredParams', create({ rp, user: user(3), challenge: challenge(), pubKeyCredParams: [] })],
    [
      'create rp.id of another site',
      create({ rp: { id: 'example.com', name: 'x' }, user: user(4), challenge: challenge(), pubKeyCredParams: es256 }),
    ],
    ['get rpId of another site', get({ challenge: challenge(), rpId: 'example.com' })],
    ['create missing challenge', create({ rp, user: user(5), pubKeyCredParams: es256 })],
    ['create missing user', create({ rp, challenge: challenge(), pubKeyCredParams: es256 })],
    [
      'create user.id of 65 bytes',
      create({ rp, user: { ...user(6), id: new Uint8Array(65) }, challenge: challenge(), pubKeyCredParams: es256 }),
    ],
    ['create publicKey not an object', () => navigator.credentials.create({ publicKey: 'nope' as never })],
    [
      'get unknown credential',
      get({
        challenge: challenge(),
        rpId: 'localhost',
        timeout: 1500,
        allowCredentials: [{ type: 'public-key', id: new Uint8Array(32) }],
      }),
    ],
    ['get aborted before the call', get({ challenge: challenge(), rpId: 'localhost' }, { signal: aborted() })],
    [
      'create aborted before the call',
      create({ rp, user: user(7), challenge: challenge(), pubKeyCredParams: es256 }, { signal: aborted() }),
    ],
    [
      'create attestation direct',
      create({ rp, user: user(8), challenge: challenge(), pubKeyCredParams: es256, attestation: 'direct' }),
    ],
    [
      'create unknown extension kept',
      create({
        rp,
        user: user(9),
        challenge: challenge(),
        pubKeyCredParams: es256,
        extensions: { credProps: true, madeUpExtension: 42 },
      }),
    ],
    ['get no options', () => navigator.credentials.get()],
    ['get non-public-key (empty object)', () => navigator.credentials.get({} as CredentialRequestOptions)],
    ['create non-public-key (empty object)', () => navigator.credentials.create({} as CredentialCreationOptions)],
    [
      'isUserVerifyingPlatformAuthenticatorAvailable',
      () => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    ],
    [
      'getClientCapabilities keys',
      async () =>
        Object.keys(
          await (
            PublicKeyCredential as unknown as { getClientCapabilities(): Promise<object> }
          ).getClientCapabilities(),
        ).length > 0,
    ],
    [
      'parseCreationOptionsFromJSON invalid',
      async () => PublicKeyCredential.parseCreationOptionsFromJSON({ rp } as never),
    ],
    [
      'parseRequestOptionsFromJSON valid',
      async () => PublicKeyCredential.parseRequestOptionsFromJSON({ challenge: b64(challenge()) }),
    ],
  ];
  const out: Array<{ name: string; outcome: string }> = [];
  for (const [name, f] of scenarios) out.push({ name, outcome: await settle(f) });
  return out;
}

let rp: RpServer;
const results: Record<'without' | 'with', Array<{ name: string; outcome: string }>> = { without: [], with: [] };
let withExtension: ChromiumSession | undefined;
let recorded: Awaited<ReturnType<ChromiumSession['readLog']>> = [];

before(async () => {
  rp = await startRpServer();
  for (const mode of ['without', 'with'] as const) {
    const b = await launchChromium({ extension: mode === 'with' });
    const page = await b.context.newPage();
    await page.goto(`${rp.url}/blank.html`);
    await addVirtualAuthenticator(b.context, page);
    // tsx names functions with an __name helper; the page needs it to run the matrix's source.
    await page.evaluate('globalThis.__name = (f) => f');
    results[mode] = await page.evaluate(runMatrix);
    if (mode === 'with') {
      withExtension = b;
      await new Promise((r) => setTimeout(r, 500));
      recorded = await b.readLog(page);
    } else await b.close();
  }
});
after(async () => {
  await withExtension?.close();
  await rp?.close();
});

test('at least 20 scenarios ran, with both successes and several error names', () => {
  assert.ok(results.without.length >= 20);
  const names = new Set(results.without.map((r) => r.outcome.split(':')[1]));
  for (const e of [
    'InvalidStateError',
    'NotSupportedError',
    'SecurityError',
    'TypeError',
    'AbortError',
    'NotAllowedError',
  ])
    assert.ok(names.has(e), `${e} in ${[...names].join(' ')}`);
  assert.ok(results.without.filter((r) => r.outcome.startsWith('ok:public-key')).length >= 4);
});

test('every scenario gives the same outcome with the extension as without it', () => {
  assert.deepEqual(results.with, results.without);
});

test('every public-key call is recorded with the outcome the page saw', () => {
  const calls = recorded.filter((r) => r.kind === 'create' || r.kind === 'get');
  const publicKeyScenarios = results.with.filter(
    (r) =>
      !/non-public-key|no options|not an object/.test(r.name) &&
      /^(create|get|conditional) /.test(r.name) &&
      !r.name.startsWith('getClient'),
  );
  assert.ok(
    calls.length >= publicKeyScenarios.length,
    `${calls.length} recorded, ${publicKeyScenarios.length} expected: ${JSON.stringify(calls.map((c) => [c.kind, c.status, c.error?.name]))} ${JSON.stringify(publicKeyScenarios)}`,
  );
  assert.ok(
    calls.every((r) => r.status !== 'pending'),
    'nothing left pending',
  );
  const recordedErrors = calls
    .filter((r) => r.error)
    .map((r) => r.error!.name)
    .sort();
  const pageErrors = publicKeyScenarios
    .filter((r) => r.outcome.startsWith('error:'))
    .map((r) => r.outcome.slice(6))
    .sort();
  assert.deepEqual(recordedErrors, pageErrors);
  // Chromium's virtual authenticator settles a conditional request at once, so the page's outcome decides.
  const conditional = calls.find((r) => r.mediation === 'conditional');
  const conditionalOutcome = results.with.find((r) => r.name === 'conditional get aborted')!.outcome;
  assert.equal(conditional?.signal?.present, true);
  assert.equal(
    conditional.error ? `error:${conditional.error.name}` : 'ok',
    conditionalOutcome.startsWith('ok') ? 'ok' : conditionalOutcome,
  );
  const abortedBefore = calls.filter(
    (r) => r.status === 'aborted' && r.signal?.aborted && r.error?.name === 'AbortError',
  );
  assert.ok(abortedBefore.length >= 3, 'calls aborted before they start are recorded as aborted');
  const unknownExt = calls.find(
    (r) => (r.options as { extensions?: Record<string, unknown> })?.extensions?.madeUpExtension === 42,
  );
  assert.ok(unknownExt, 'unknown extension inputs are kept');
});
