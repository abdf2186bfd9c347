// What one page can make the mock do: a 900 KB user.name is kept as 64 bytes, a get() naming that credential
// 13,000 times (under the 1 MB message cap) is refused at once without the heap growing, and the store is
// capped per RP ID and in total with a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CREDENTIALS_PER_RP, MAX_NAME_BYTES, truncateName } from '../../src/authenticator/storageLimits.js';
import { challenge, creationOptions, ctx, makeAuthenticator, profile, userId } from './authenticatorSetup.js';

test('names are cut to 64 bytes of UTF-8, never inside a character', () => {
  assert.equal(truncateName('alice'), 'alice');
  const cut = truncateName('é'.repeat(40));
  assert.equal(new TextEncoder().encode(cut).length, MAX_NAME_BYTES);
  assert.equal(truncateName('a' + '😀'.repeat(20)).length, 1 + 2 * 15, 'a whole emoji or none');
});

test('a 900 KB user.name, then a get() with its id 13,000 times: stored small, refused in under 1 s, heap flat', async () => {
  const auth = await makeAuthenticator();
  const p = profile('security-key');
  const huge = 'x'.repeat(900_000);
  const reg = await auth.create(creationOptions({ user: { id: userId(), name: huge, displayName: huge } }), ctx(p));
  const stored = (await auth.store.get(reg.id))!;
  assert.deepEqual([stored.userName.length, stored.userDisplayName.length], [MAX_NAME_BYTES, MAX_NAME_BYTES]);
  const allowCredentials = Array.from({ length: 13_000 }, () => ({ type: 'public-key', id: reg.id }));
  assert.ok(JSON.stringify(allowCredentials).length < 1_000_000, 'under the message cap');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  await assert.rejects(auth.get({ challenge: challenge(), allowCredentials }, ctx(p)), (e: Error) => {
    assert.ok(e instanceof DOMException && e.name === 'RangeError', `${e.name}: ${e.message}`);
    return true;
  });
  const ms = performance.now() - t0;
  const grew = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.ok(ms < 1000, `answered in ${ms} ms`);
  assert.ok(grew < 50, `heap grew ${grew} MB`);
  // 64 copies (Chromium's list cap) of the one id are looked up once and sign.
  const ok = await auth.get({ challenge: challenge(), allowCredentials: allowCredentials.slice(0, 64) }, ctx(p));
  assert.equal(ok.id, reg.id);
});

test('credentials are capped per RP ID with a clear NotAllowedError', async () => {
  const auth = await makeAuthenticator();
  const p = profile('basic-u2f-like');
  for (let i = 0; i < MAX_CREDENTIALS_PER_RP; i++)
    await auth.create(creationOptions({ user: { id: userId(i), name: `u${i}`, displayName: 'U' } }), ctx(p));
  await assert.rejects(
    auth.create(creationOptions({ user: { id: userId(9999), name: 'one more', displayName: 'U' } }), ctx(p)),
    (e: Error) => {
      assert.equal(e.name, 'NotAllowedError');
      assert.match(e.message, /full for localhost/);
      return true;
    },
  );
  assert.equal((await auth.store.list('localhost')).length, MAX_CREDENTIALS_PER_RP);
});
