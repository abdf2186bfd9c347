// The mock's behaviour a browser user would see: errors by DOMException name, RP ID rules, credential
// selection, account choice, sign counts under concurrency, profiles' flags and extensions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { UserPrompts } from '../../src/authenticator/ceremonyContext.js';
import {
  challenge,
  creationOptions,
  ctx,
  makeAuthenticator,
  ORIGIN,
  profile,
  RP_ID,
  userId,
} from './authenticatorSetup.js';
import { attestationObject, authDataHead } from './authenticatorDecode.js';
import { decodeAuthenticatorData } from '../../src/webauthn/authenticatorData.js';
import { toBase64url } from '../../src/webauthn/base64url.js';

const rejectsWith = async (p: Promise<unknown>, name: string, msg?: string): Promise<void> => {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, msg ?? e.message);
    if (name !== 'TypeError') assert.ok(e instanceof DOMException, 'a DOMException');
    return true;
  });
};
const b64 = (s: string): string => Buffer.from(s).toString('base64url');

test('create: option errors carry the browser DOMException names', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  await rejectsWith(auth.create(creationOptions({ challenge: undefined }), ctx(p)), 'TypeError');
  await rejectsWith(
    auth.create(creationOptions({ user: { id: b64('x'.repeat(65)), name: 'a', displayName: 'A' } }), ctx(p)),
    'TypeError',
  );
  // Chromium accepts an empty user.id (the spec asks for 1 to 64 bytes); the mock answers as Chromium does.
  assert.equal(
    (await auth.create(creationOptions({ user: { id: '', name: 'a', displayName: 'A' } }), ctx(p))).type,
    'public-key',
  );
  await rejectsWith(auth.create(creationOptions({ rp: { id: 'example.com', name: 'X' } }), ctx(p)), 'SecurityError');
  await rejectsWith(
    auth.create(creationOptions({ pubKeyCredParams: [{ type: 'public-key', alg: -9999 }] }), ctx(p)),
    'NotAllowedError',
  );
  await rejectsWith(
    auth.create(creationOptions({ pubKeyCredParams: [{ type: 'other', alg: -7 }] }), ctx(p)),
    'NotSupportedError',
  );
  await rejectsWith(auth.create(creationOptions(), ctx(p, { origin: 'http://example.com' })), 'SecurityError');
  await rejectsWith(
    auth.create(creationOptions({ extensions: { largeBlob: { read: true } } }), ctx(p)),
    'NotSupportedError',
  );
  await rejectsWith(
    auth.create(creationOptions({ extensions: { appidExclude: 'https://evil.example/app' } }), ctx(p)),
    'SecurityError',
  );
  await rejectsWith(auth.create(creationOptions(), ctx(p, { failure: 'cancel' })), 'NotAllowedError');
  await rejectsWith(auth.create(creationOptions({ timeout: 10 }), ctx(p, { failure: 'timeout' })), 'NotAllowedError');
  // An empty pubKeyCredParams means ES256 or RS256.
  const r = await auth.create(creationOptions({ pubKeyCredParams: [] }), ctx(p));
  assert.equal(r.response.publicKeyAlgorithm, -7);
  // The RP's order wins over the authenticator's.
  const r2 = await auth.create(
    creationOptions({
      user: { id: userId(2), name: 'b', displayName: 'B' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -999 },
        { type: 'public-key', alg: -257 },
        { type: 'public-key', alg: -7 },
      ],
    }),
    ctx(p),
  );
  assert.equal(r2.response.publicKeyAlgorithm, -257);
});

test('create: selection criteria against the profile; excludeCredentials → InvalidStateError', async () => {
  const auth = await makeAuthenticator();
  const key = profile('security-key');
  const basic = profile('basic-u2f-like');
  await rejectsWith(
    auth.create(creationOptions({ authenticatorSelection: { authenticatorAttachment: 'platform' } }), ctx(key)),
    'NotAllowedError',
  );
  await rejectsWith(
    auth.create(creationOptions({ authenticatorSelection: { residentKey: 'required' } }), ctx(basic)),
    'NotAllowedError',
  );
  await rejectsWith(
    auth.create(creationOptions({ authenticatorSelection: { userVerification: 'required' } }), ctx(basic)),
    'NotAllowedError',
  );
  const first = await auth.create(creationOptions(), ctx(key));
  await rejectsWith(
    auth.create(creationOptions({ excludeCredentials: [{ type: 'public-key', id: first.id }] }), ctx(key)),
    'InvalidStateError',
  );
  // Not excluded for another RP ID.
  const other = await auth.create(
    creationOptions({
      rp: { id: 'sub.localhost', name: 'S' },
      excludeCredentials: [{ type: 'public-key', id: first.id }],
    }),
    ctx(key, { origin: 'http://sub.localhost:8443' }),
  );
  assert.ok(other.id);
  // Flags: UV when the profile can and the RP does not discourage it; BE/BS from the profile.
  const synced = await auth.create(
    creationOptions({ user: { id: userId(3), name: 's', displayName: 'S' } }),
    ctx(profile('synced-passkeys')),
  );
  const head = authDataHead(String(synced.response.authenticatorData));
  assert.equal(head.flags & 0x1d, 0x1d, 'UP UV BE BS');
  assert.equal(synced.authenticatorAttachment, 'platform');
  assert.deepEqual(synced.response.transports, ['hybrid', 'internal']);
  const noUv = await auth.create(
    creationOptions({
      user: { id: userId(4), name: 'n', displayName: 'N' },
      authenticatorSelection: { userVerification: 'discouraged' },
    }),
    ctx(key),
  );
  assert.equal(authDataHead(String(noUv.response.authenticatorData)).flags & 0x04, 0);
});

test('get: RP ID not allowed for the origin → SecurityError; no credential → NotAllowedError', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await auth.create(creationOptions({ authenticatorSelection: { residentKey: 'required' } }), ctx(p));
  await rejectsWith(auth.get({ challenge: challenge(), rpId: 'example.com' }, ctx(p)), 'SecurityError');
  await rejectsWith(
    auth.get({ challenge: challenge(), rpId: 'com' }, ctx(p, { origin: 'https://a.example.com' })),
    'SecurityError',
  );
  await rejectsWith(
    auth.get({ challenge: challenge(), rpId: 'localhost' }, ctx(p, { origin: 'https://evil.example' })),
    'SecurityError',
  );
  await rejectsWith(
    auth.get(
      { challenge: challenge(), rpId: RP_ID, allowCredentials: [{ type: 'public-key', id: b64('unknown') }] },
      ctx(p),
    ),
    'NotAllowedError',
  );
  await rejectsWith(
    auth.get({ challenge: challenge(), rpId: RP_ID }, ctx(p, { failure: 'no-credential' })),
    'NotAllowedError',
  );
  await rejectsWith(
    auth.get({ challenge: challenge(), rpId: RP_ID }, ctx(p, { failure: 'cancel' })),
    'NotAllowedError',
  );
  await rejectsWith(auth.get({ challenge: 'not base64!' }, ctx(p)), 'TypeError');
  await rejectsWith(
    auth.get(
      {
        challenge: challenge(),
        extensions: { largeBlob: { read: true, write: b64('x') } },
        allowCredentials: [{ type: 'public-key', id: reg.id }],
      },
      ctx(p),
    ),
    'NotSupportedError',
  );
  await rejectsWith(
    auth.get({ challenge: challenge(), extensions: { largeBlob: { write: b64('x') } } }, ctx(p)),
    'NotSupportedError',
  );
  await rejectsWith(
    auth.get(
      { challenge: challenge(), extensions: { prf: { evalByCredential: { [reg.id]: { first: b64('a') } } } } },
      ctx(p),
    ),
    'NotSupportedError',
  );
  await rejectsWith(
    auth.get(
      {
        challenge: challenge(),
        allowCredentials: [{ type: 'public-key', id: reg.id }],
        extensions: { prf: { evalByCredential: { [b64('other')]: { first: b64('a') } } } },
      },
      ctx(p),
    ),
    'SyntaxError',
  );
  await rejectsWith(
    auth.get({ challenge: challenge(), extensions: { appid: 'https://evil.example/' } }, ctx(p)),
    'SecurityError',
  );
  // UV required, the holding authenticator has none: NotAllowedError as Chromium gives.
  const basic = profile('basic-u2f-like');
  const nonRk = await auth.create(
    creationOptions({ user: { id: userId(9), name: 'x', displayName: 'X' } }),
    ctx(basic),
  );
  await rejectsWith(
    auth.get(
      {
        challenge: challenge(),
        userVerification: 'required',
        allowCredentials: [{ type: 'public-key', id: nonRk.id }],
      },
      ctx(basic, { profiles: [basic, p] }),
    ),
    'NotAllowedError',
  );
  // Aborted: the signal's reason.
  const ac = new AbortController();
  ac.abort(new DOMException('stop', 'AbortError'));
  await rejectsWith(auth.get({ challenge: challenge() }, ctx(p, { signal: ac.signal })), 'AbortError');
});

test('100 concurrent get() calls give 100 distinct, increasing sign counts that an RP accepts in order', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await auth.create(creationOptions({ authenticatorSelection: { residentKey: 'required' } }), ctx(p));
  const challenges = Array.from({ length: 100 }, () => challenge());
  const results = await Promise.all(
    challenges.map((c) => auth.get({ challenge: c, allowCredentials: [{ type: 'public-key', id: reg.id }] }, ctx(p))),
  );
  const counts = results.map((r) => authDataHead(r.response.authenticatorData).signCount);
  assert.equal(new Set(counts).size, 100);
  assert.deepEqual(
    [...counts].sort((a, b) => a - b),
    Array.from({ length: 100 }, (_, i) => i + 1),
  );
  const stored = await auth.store.get(reg.id);
  assert.equal(stored!.signCount, 100);
  const info = attestationObject(reg);
  assert.equal(info.fmt, 'none');
});

test('a credential deleted while a get() with it signs stays deleted, and that get() fails', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await auth.create(creationOptions(), ctx(p));
  const update = auth.store.update.bind(auth.store);
  // The popup's delete lands between the credential's read and its sign-count write.
  auth.store.update = async (c) => {
    await auth.deleteCredential(c.id);
    return update(c);
  };
  await rejectsWith(
    auth.get({ challenge: challenge(), allowCredentials: [{ type: 'public-key', id: reg.id }] }, ctx(p)),
    'NotAllowedError',
  );
  assert.equal(await auth.store.get(reg.id), undefined);
  assert.deepEqual(await auth.store.list(), []);
});

test('sign count policies: increment, zero, fixed', async () => {
  const auth = await makeAuthenticator();
  for (const [policy, expected] of [
    ['increment', [1, 2]],
    ['zero', [0, 0]],
    ['fixed', [7, 7]],
  ] as const) {
    const p = profile('security-key', { id: `p-${policy}`, signCount: { policy, value: 7 } });
    const reg = await auth.create(
      creationOptions({ user: { id: b64(policy), name: policy, displayName: policy } }),
      ctx(p),
    );
    const got = [];
    for (let i = 0; i < 2; i++) {
      const r = await auth.get(
        { challenge: challenge(), allowCredentials: [{ type: 'public-key', id: reg.id }] },
        ctx(p),
      );
      got.push(authDataHead(r.response.authenticatorData).signCount);
    }
    assert.deepEqual(got, expected, policy);
  }
});

test('discoverable credentials: no small limit, account chooser when several match, same user replaced', async () => {
  let offered = 0;
  const prompts: UserPrompts = {
    confirmPresence: async () => true,
    chooseAccount: async (pr) => {
      offered = pr.candidates.length;
      return pr.candidates.find((c) => c.userName === 'user-17');
    },
  };
  const auth = await makeAuthenticator(prompts);
  const p = profile('security-key');
  for (let i = 0; i < 40; i++) {
    await auth.create(
      creationOptions({
        user: { id: userId(i), name: `user-${i}`, displayName: `User ${i}` },
        authenticatorSelection: { residentKey: 'required' },
      }),
      ctx(p),
    );
  }
  // Registering user 17 again on the same authenticator replaces the old credential.
  const again = await auth.create(
    creationOptions({
      user: { id: userId(17), name: 'user-17', displayName: 'User 17' },
      authenticatorSelection: { residentKey: 'required' },
    }),
    ctx(p),
  );
  assert.equal((await auth.store.list()).length, 40);
  const c = challenge();
  const r = await auth.get({ challenge: c, rpId: RP_ID }, ctx(p));
  assert.equal(offered, 40);
  assert.equal(r.id, again.id);
  assert.equal(r.response.userHandle, userId(17));
  const stored = (await auth.store.get(again.id))!;
  const v = await verifyAuthenticationResponse({
    response: r as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
    expectedChallenge: c,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential: { id: stored.id, publicKey: Buffer.from(stored.publicKey, 'base64url'), counter: 0 },
  });
  assert.ok(v.verified);
  // The user declining the chooser is a NotAllowedError.
  auth.prompts = { confirmPresence: async () => true, chooseAccount: async () => undefined };
  await rejectsWith(auth.get({ challenge: challenge() }, ctx(p)), 'NotAllowedError');
  auth.prompts = { confirmPresence: async () => false, chooseAccount: async (pr) => pr.candidates[0] };
  await rejectsWith(auth.get({ challenge: challenge() }, ctx(p)), 'NotAllowedError');
});

test('extensions: credProps, prf deterministic per credential, largeBlob persisted, credProtect, minPinLength, appid', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const salt = b64('salt-1');
  const reg = await auth.create(
    creationOptions({
      authenticatorSelection: { residentKey: 'required' },
      extensions: {
        credProps: true,
        prf: { eval: { first: salt } },
        largeBlob: { support: 'required' },
        credentialProtectionPolicy: 'userVerificationOptionalWithCredentialIDList',
        minPinLength: true,
      },
    }),
    ctx(p),
  );
  const ext = reg.clientExtensionResults as Record<string, any>;
  assert.deepEqual(ext.credProps, { rk: true });
  assert.equal(ext.prf.enabled, true);
  assert.equal(ext.largeBlob.supported, true);
  const authData = attestationObject(reg).authData;
  assert.equal(authData[32]! & 0x80, 0x80, 'ED flag');
  const get = (extensions: Record<string, unknown>, allow = true, uv = 'preferred') =>
    auth.get(
      {
        challenge: challenge(),
        userVerification: uv,
        extensions,
        ...(allow ? { allowCredentials: [{ type: 'public-key', id: reg.id }] } : {}),
      },
      ctx(p),
    );
  const a1 = (await get({ prf: { eval: { first: salt, second: b64('salt-2') } } })).clientExtensionResults as any;
  const a2 = (await get({ prf: { evalByCredential: { [reg.id]: { first: salt } } } })).clientExtensionResults as any;
  assert.equal(a1.prf.results.first, ext.prf.results.first, 'same salt, same output (create and get)');
  assert.equal(a2.prf.results.first, a1.prf.results.first);
  assert.notEqual(a1.prf.results.second, a1.prf.results.first);
  assert.equal(Buffer.from(a1.prf.results.first, 'base64url').length, 32);
  assert.deepEqual((await get({ largeBlob: { read: true } })).clientExtensionResults, { largeBlob: {} });
  assert.deepEqual((await get({ largeBlob: { write: b64('blob!') } })).clientExtensionResults, {
    largeBlob: { written: true },
  });
  assert.deepEqual((await get({ largeBlob: { read: true } })).clientExtensionResults, {
    largeBlob: { blob: b64('blob!') },
  });
  assert.deepEqual((await get({ appid: 'http://localhost:8443/appid.json' })).clientExtensionResults, { appid: false });
  // credProtect level 2: not found without an allow list unless UV is performed.
  const basicUv = profile('security-key', { userVerification: false });
  await rejectsWith(auth.get({ challenge: challenge() }, ctx(basicUv, { profiles: [basicUv] })), 'NotAllowedError');
  assert.equal((await get({}, false)).id, reg.id, 'with UV it is discoverable');
});

test('crossOrigin and topOrigin go into clientDataJSON in the spec order', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await auth.create(creationOptions(), ctx(p, { crossOrigin: true, topOrigin: 'https://top.example' }));
  const cd = Buffer.from(reg.response.clientDataJSON, 'base64url').toString();
  assert.match(
    cd,
    /^\{"type":"webauthn\.create","challenge":"[^"]+","origin":"http:\/\/localhost:8443","crossOrigin":true,"topOrigin":"https:\/\/top\.example"\}$/,
  );
});

test('a sealed secret is bound to its credential id and RP ID: a record moved to another RP ID is unusable', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await auth.create(
    creationOptions({
      authenticatorSelection: { residentKey: 'required' },
      extensions: { prf: { eval: { first: challenge() } } },
    }),
    ctx(p),
  );
  const stored = (await auth.store.get(reg.id))!;
  assert.equal(stored.secret.bound, 1);
  // Someone edits the record so that another site would get its PRF output, large blob and user handle.
  await auth.store.put({ ...stored, rpId: 'evil.example' });
  auth.forget(reg.id);
  await rejectsWith(
    auth.get(
      { challenge: challenge(), rpId: 'evil.example', extensions: { prf: { eval: { first: challenge() } } } },
      ctx(p, { origin: 'https://evil.example' }),
    ),
    'NotAllowedError',
  );
  // Put back, it signs again.
  await auth.store.put(stored);
  auth.forget(reg.id);
  const ok = await auth.get({ challenge: challenge(), allowCredentials: [{ type: 'public-key', id: reg.id }] }, ctx(p));
  assert.equal(ok.id, reg.id);
});

test('credBlob: stored at create (32 bytes at most) and given back by getCredBlob, in authenticator data too', async () => {
  const auth = await makeAuthenticator();
  const withBlob = profile('security-key', {
    extensions: { ...profile('security-key').extensions, credBlob: true },
  });
  const blob = b64('sixteen byte blob'.slice(0, 16));
  const extOf = (b64data: string) => {
    const d = decodeAuthenticatorData(new Uint8Array(Buffer.from(b64data, 'base64url')));
    assert.ok(d.ok);
    return d.value.extensions?.map;
  };
  const reg = await auth.create(creationOptions({ extensions: { credBlob: blob } }), ctx(withBlob));
  assert.equal((reg.clientExtensionResults as Record<string, unknown>).credBlob, true);
  assert.equal(extOf(toBase64url(attestationObject(reg).authData))?.get('credBlob'), true);
  const got = await auth.get(
    {
      challenge: challenge(),
      allowCredentials: [{ type: 'public-key', id: reg.id }],
      extensions: { getCredBlob: true },
    },
    ctx(withBlob),
  );
  assert.deepEqual(got.clientExtensionResults, { getCredBlob: blob });
  assert.deepEqual(
    extOf(got.response.authenticatorData)?.get('credBlob'),
    new Uint8Array(Buffer.from(blob, 'base64url')),
  );

  const tooLong = await auth.create(creationOptions({ extensions: { credBlob: b64('x'.repeat(33)) } }), ctx(withBlob));
  assert.equal((tooLong.clientExtensionResults as Record<string, unknown>).credBlob, false);
  const without = profile('security-key');
  const plain = await auth.create(creationOptions({ extensions: { credBlob: blob } }), ctx(without));
  assert.equal((plain.clientExtensionResults as Record<string, unknown>).credBlob, false, 'asked, not supported');
  const plainGet = await auth.get(
    {
      challenge: challenge(),
      allowCredentials: [{ type: 'public-key', id: plain.id }],
      extensions: { getCredBlob: true },
    },
    ctx(without),
  );
  assert.deepEqual(plainGet.clientExtensionResults, { getCredBlob: '' }, 'empty from an authenticator without it');
});
