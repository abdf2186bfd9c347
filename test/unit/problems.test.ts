// Every problem rule: a log that makes it fire, and a good log where it stays silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { fromHex } from '../../src/webauthn/bytes.js';
import { findProblems, PROBLEM_RULES } from '../../src/webauthn/problems/index.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { SPEC_ORIGIN, packedEs256 } from '../fixtures/spec-vectors.js';

const b64 = (s: string) => toBase64url(new TextEncoder().encode(s));
const rnd = (n: number, seed: number) => toBase64url(Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));
let n = 0;
const base = (kind: 'create' | 'get'): CeremonyRecord => ({
  id: `c${++n}`,
  kind,
  mode: 'native',
  status: 'ok',
  origin: SPEC_ORIGIN,
  url: `${SPEC_ORIGIN}/`,
  crossOrigin: false,
  topLevel: true,
  startTime: n,
});

const goodCreate = (over: Record<string, unknown> = {}, seed = n + 100): CeremonyRecord => ({
  ...base('create'),
  options: {
    rp: { id: 'example.org', name: 'Example' },
    user: { id: rnd(16, seed), name: 'alice', displayName: 'Alice' },
    challenge: rnd(32, seed),
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    timeout: 300000,
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    attestation: 'none',
    ...over,
  },
});
const goodGet = (over: Record<string, unknown> = {}, seed = n + 200): CeremonyRecord => ({
  ...base('get'),
  options: {
    challenge: rnd(32, seed),
    rpId: 'example.org',
    userVerification: 'required',
    timeout: 300000,
    allowCredentials: [{ type: 'public-key', id: rnd(16, 1), transports: ['usb'] }],
    ...over,
  },
});
/** A real packed registration and assertion (spec vector), with the options that match them. */
const vectorLog = (): CeremonyRecord[] => {
  const id = toBase64url(fromHex(packedEs256.registration.credential_id));
  const reg: CeremonyRecord = {
    ...goodCreate({ challenge: toBase64url(fromHex(packedEs256.registration.challenge)) }),
    response: {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: toBase64url(fromHex(packedEs256.registration.clientDataJSON)),
        attestationObject: toBase64url(fromHex(packedEs256.registration.attestationObject)),
      },
    },
  };
  const auth: CeremonyRecord = {
    ...goodGet({ challenge: toBase64url(fromHex(packedEs256.authentication.challenge)) }),
    response: {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: toBase64url(fromHex(packedEs256.authentication.clientDataJSON)),
        authenticatorData: toBase64url(fromHex(packedEs256.authentication.authenticatorData)),
        signature: toBase64url(fromHex(packedEs256.authentication.signature)),
      },
    },
  };
  return [reg, auth];
};
const withAuthData = (r: CeremonyRecord, mutate: (ad: Uint8Array) => void): CeremonyRecord => {
  const resp = r.response!.response as { authenticatorData: string };
  const ad = Uint8Array.from(Buffer.from(resp.authenticatorData, 'base64url'));
  mutate(ad);
  return {
    ...r,
    id: `c${++n}`,
    response: { ...r.response!, response: { ...r.response!.response, authenticatorData: toBase64url(ad) } } as never,
  };
};

const fired = (log: CeremonyRecord[], rule: string) =>
  [...findProblems(log).values()].flat().filter((p) => p.ruleId === rule);

const CASES: Record<string, { fires: () => CeremonyRecord[]; quiet: () => CeremonyRecord[] }> = {
  'challenge-too-short': { fires: () => [goodCreate({ challenge: rnd(8, 1) })], quiet: () => [goodCreate()] },
  'challenge-reused': {
    fires: () => {
      const c = rnd(32, 7);
      return [goodCreate({ challenge: c }), goodGet({ challenge: c })];
    },
    quiet: () => [goodCreate(), goodGet()],
  },
  'user-id-personal-data': {
    fires: () => [goodCreate({ user: { id: b64('bob@example.com'), name: 'bob', displayName: 'Bob' } })],
    quiet: () => [goodCreate()],
  },
  'user-id-too-long': {
    fires: () => [
      goodCreate({ user: { id: rnd(65, 1), name: 'a', displayName: 'A' } }),
      goodCreate({ user: { id: '', name: 'a', displayName: 'A' } }),
    ],
    quiet: () => [goodCreate({ user: { id: rnd(64, 1), name: 'a', displayName: 'A' } })],
  },
  'rp-id-not-suffix': {
    fires: () => [goodCreate({ rp: { id: 'example.com', name: 'x' } })],
    quiet: () => [goodCreate(), goodGet()],
  },
  'no-es256': {
    fires: () => [goodCreate({ pubKeyCredParams: [{ type: 'public-key', alg: -257 }] })],
    quiet: () => [goodCreate()],
  },
  'no-rs256': {
    fires: () => [goodCreate({ pubKeyCredParams: [{ type: 'public-key', alg: -7 }] })],
    quiet: () => [goodCreate()],
  },
  'uv-preferred-but-required': {
    fires: () => [goodCreate(), goodGet({ userVerification: 'preferred' })],
    quiet: () => [
      goodCreate({ authenticatorSelection: { userVerification: 'preferred' } }),
      goodGet({ userVerification: 'preferred' }),
    ],
  },
  'attestation-without-need': {
    fires: () => [goodCreate({ attestation: 'direct' })],
    quiet: () => [goodCreate(), goodCreate({ attestation: 'direct', attestationFormats: ['packed'] })],
  },
  'resident-key-conflict': {
    fires: () => [goodCreate({ authenticatorSelection: { residentKey: 'required', requireResidentKey: false } })],
    quiet: () => [goodCreate()],
  },
  'empty-exclude-on-repeat': {
    fires: () => {
      const user = { id: rnd(16, 3), name: 'alice', displayName: 'Alice' };
      return [goodCreate({ user }), goodCreate({ user, excludeCredentials: [] })];
    },
    quiet: () => {
      const user = { id: rnd(16, 3), name: 'alice', displayName: 'Alice' };
      return [goodCreate({ user }), goodCreate({ user, excludeCredentials: [{ type: 'public-key', id: rnd(16, 1) }] })];
    },
  },
  'allow-credentials-without-transports': {
    fires: () => [goodGet({ allowCredentials: [{ type: 'public-key', id: rnd(16, 1) }] })],
    quiet: () => [goodGet(), goodGet({ allowCredentials: [] })],
  },
  'response-challenge-mismatch': {
    fires: () => {
      const [r] = vectorLog();
      return [{ ...r!, options: { ...(r!.options as object), challenge: rnd(32, 9) } }];
    },
    quiet: () => vectorLog(),
  },
  'response-origin-mismatch': {
    fires: () => {
      const [r] = vectorLog();
      return [{ ...r!, origin: 'https://evil.example' }];
    },
    quiet: () => vectorLog(),
  },
  'bs-without-be': {
    fires: () => {
      const [r, a] = vectorLog();
      return [
        r!,
        withAuthData(a!, (ad) => {
          ad[32] = (ad[32]! | 0x10) & ~0x08;
        }),
      ];
    },
    quiet: () => {
      const [r, a] = vectorLog();
      return [
        r!,
        withAuthData(a!, (ad) => {
          ad[32] = ad[32]! | 0x18;
        }),
      ];
    },
  },
  'sign-count-backwards': {
    fires: () => {
      const [r, a] = vectorLog();
      return [
        r!,
        withAuthData(a!, (ad) => {
          ad[36] = 5;
        }),
        withAuthData(a!, (ad) => {
          ad[36] = 3;
        }),
      ];
    },
    quiet: () => {
      const [r, a] = vectorLog();
      return [
        r!,
        withAuthData(a!, (ad) => {
          ad[36] = 5;
        }),
        withAuthData(a!, (ad) => {
          ad[36] = 6;
        }),
      ];
    },
  },
  'timeout-too-short': { fires: () => [goodGet({ timeout: 5000 })], quiet: () => [goodGet()] },
  'weak-algorithm': {
    fires: () => [
      goodCreate({
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -65535 },
        ],
      }),
    ],
    quiet: () => [goodCreate()],
  },
  'algorithm-key-mismatch': {
    fires: () => {
      // The credential key's alg says EdDSA (-8, CBOR 0x27) on an EC2 P-256 key (-7 was 0x26): same length.
      const [r] = vectorLog();
      const resp = r!.response!.response as { attestationObject: string };
      const bytes = Uint8Array.from(Buffer.from(resp.attestationObject, 'base64url'));
      const at = Buffer.from(bytes).indexOf(Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26]));
      assert.ok(at > 0, 'the COSE key in the vector');
      bytes[at + 4] = 0x27;
      return [
        { ...r!, response: { ...r!.response!, response: { ...resp, attestationObject: toBase64url(bytes) } } as never },
      ];
    },
    quiet: () => vectorLog(),
  },
  'algorithm-not-requested': {
    fires: () => {
      const [r] = vectorLog();
      return [{ ...r!, options: { ...(r!.options as object), pubKeyCredParams: [{ type: 'public-key', alg: -257 }] } }];
    },
    quiet: () => vectorLog(),
  },
  'rs256-before-es256': {
    fires: () => [
      goodCreate({
        pubKeyCredParams: [
          { type: 'public-key', alg: -257 },
          { type: 'public-key', alg: -7 },
        ],
      }),
    ],
    quiet: () => [goodCreate()],
  },
  'passkey-without-uv': {
    fires: () => [goodGet({ allowCredentials: [], userVerification: 'preferred' })],
    quiet: () => [goodGet({ allowCredentials: [] }), goodGet({ userVerification: 'preferred' })],
  },
  'allow-credentials-other-type': {
    fires: () => [goodGet({ allowCredentials: [{ type: 'password', id: rnd(16, 1), transports: ['usb'] }] })],
    quiet: () => [goodGet()],
  },
  'exclude-credentials-other-type': {
    fires: () => [goodCreate({ excludeCredentials: [{ type: 'public-key ', id: rnd(16, 1) }] })],
    quiet: () => [goodCreate({ excludeCredentials: [{ type: 'public-key', id: rnd(16, 1) }] })],
  },
  'allow-credentials-duplicate': {
    fires: () => {
      const d = { type: 'public-key', id: rnd(16, 1), transports: ['usb'] };
      return [goodGet({ allowCredentials: [d, d] })];
    },
    quiet: () => [
      goodGet({
        allowCredentials: [
          { type: 'public-key', id: rnd(16, 1), transports: ['usb'] },
          { type: 'public-key', id: rnd(16, 2), transports: ['usb'] },
        ],
      }),
    ],
  },
  'exclude-credentials-duplicate': {
    fires: () => {
      const d = { type: 'public-key', id: rnd(16, 1) };
      return [goodCreate({ excludeCredentials: [d, d] })];
    },
    quiet: () => [goodCreate({ excludeCredentials: [{ type: 'public-key', id: rnd(16, 1) }] })],
  },
  'pub-key-cred-params-duplicate': {
    fires: () => [
      goodCreate({
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
          { type: 'public-key', alg: -7 },
        ],
      }),
    ],
    quiet: () => [goodCreate()],
  },
  'hints-contradict-attachment': {
    fires: () => [
      goodCreate({
        hints: ['security-key'],
        authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required' },
      }),
    ],
    quiet: () => [
      goodCreate({
        hints: ['client-device'],
        authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required' },
      }),
      goodCreate({ hints: ['security-key'] }),
    ],
  },
  'attestation-formats-without-attestation': {
    fires: () => [goodCreate({ attestationFormats: ['packed'] })],
    quiet: () => [goodCreate(), goodCreate({ attestation: 'direct', attestationFormats: ['packed'] })],
  },
  'display-name-empty': {
    fires: () => [goodCreate({ user: { id: rnd(16, 4), name: 'alice', displayName: '' } })],
    quiet: () => [goodCreate()],
  },
  'user-name-is-handle': {
    fires: () => [
      goodCreate({ user: { id: b64('user-8812'), name: 'user-8812', displayName: 'Dana' } }),
      goodCreate({ user: { id: rnd(16, 5), name: rnd(16, 5), displayName: 'Dana' } }),
    ],
    quiet: () => [goodCreate()],
  },
  'extension-input-type': {
    fires: () => [
      goodCreate({ extensions: { credProps: 'yes' } }),
      goodGet({ extensions: { largeBlob: true, appid: 5 } }),
    ],
    quiet: () => [
      goodCreate({ extensions: { credProps: true, largeBlob: { support: 'preferred' } } }),
      goodGet({ extensions: { largeBlob: { read: true } } }),
    ],
  },
  'challenge-not-random': {
    fires: () => [
      goodCreate({ challenge: toBase64url(new Uint8Array(32)) }),
      goodGet({ challenge: toBase64url(Uint8Array.from({ length: 16 }, (_, i) => i)) }),
    ],
    quiet: () => [goodCreate(), goodGet()],
  },
};

test('every rule has a case here, with an id, severity, title and spec link', () => {
  assert.deepEqual(PROBLEM_RULES.map((r) => r.id).sort(), Object.keys(CASES).sort());
  for (const r of PROBLEM_RULES) assert.match(r.spec, /^https:\/\/www\.w3\.org\/TR\/webauthn-3\/#/);
});

for (const [rule, c] of Object.entries(CASES)) {
  test(`${rule}: fires on a bad log, silent on a good one`, () => {
    const hits = fired(c.fires(), rule);
    assert.ok(hits.length > 0, `${rule} did not fire`);
    assert.ok(hits[0]!.message.length > 10);
    assert.deepEqual(fired(c.quiet(), rule), []);
  });
}

test('a good log raises nothing at all', () => {
  assert.deepEqual(
    [...findProblems([goodCreate(), goodGet(), ...vectorLog()]).values()]
      .flat()
      .map((p) => `${p.ruleId}: ${p.message}`),
    [],
  );
});

test('malformed records raise nothing and never throw', () => {
  const junk = [
    null,
    {},
    { kind: 'create', options: 5 },
    { kind: 'get', options: { challenge: 7, allowCredentials: 'x' }, response: { response: { clientDataJSON: '!!' } } },
  ] as unknown as CeremonyRecord[];
  assert.doesNotThrow(() => findProblems(junk));
});
