// What a credential store hands out is frozen and shared, so reads copy nothing and no reader can change what
// another sees; and which changes of a use the mock's store may write lazily (sign count, last use) and which
// it must commit before the page is answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryCredentialStore, type StoredCredential } from '../../src/authenticator/credentialStore.js';
import { onlyUseChanged } from '../../src/background/mock/storage.js';

const credential = (): StoredCredential => ({
  id: 'AAEC',
  rpId: 'example.org',
  userHandle: 'dXNlcg',
  userName: 'alice',
  userDisplayName: 'Alice',
  alg: -7,
  publicKey: 'pk',
  spki: 'spki',
  discoverable: true,
  signCount: 1,
  profileId: 'default',
  aaguid: '00000000-0000-0000-0000-000000000000',
  transports: ['internal'],
  attachment: 'platform',
  backupEligible: true,
  backupState: false,
  credProtect: 1,
  largeBlobSupported: true,
  createdAt: 1,
  secret: { iv: 'iv', data: 'sealed', bound: 1 },
});

test('a read is frozen and shared until the credential changes; what was put cannot change after', async () => {
  const store = new MemoryCredentialStore();
  const original = credential();
  await store.put(original);
  assert.throws(() => {
    original.userName = 'changed after put';
  }, TypeError);
  assert.throws(() => (original.transports as string[]).push('usb'), TypeError);
  const a = (await store.get(original.id))!;
  assert.equal(a.userName, 'alice');
  assert.deepEqual(a.transports, ['internal']);
  assert.equal(await store.get(original.id), a, 'a second read is the same object');
  assert.equal((await store.list('example.org'))[0], a);
  assert.throws(() => {
    (a as StoredCredential).signCount = 99;
  }, TypeError);
  assert.throws(() => (a.transports as string[]).push('usb'), TypeError);
  assert.throws(() => {
    (a.secret as unknown as Record<string, string>).iv = 'x';
  }, TypeError);
  await store.update({ ...a, signCount: 2 });
  const b = (await store.get(original.id))!;
  assert.notEqual(b, a);
  assert.equal(b.signCount, 2);
  assert.equal(a.signCount, 1, 'an earlier read keeps what it saw');
});

test('only a sign count, a last use or the reservation may be written after the answer', () => {
  const before = { ...credential(), signCountCeiling: 33 };
  const cases: Array<[string, (c: StoredCredential) => StoredCredential, boolean]> = [
    ['sign count and last use', (c) => ({ ...c, signCount: 2, lastUsedAt: 5 }), true],
    ['nothing', (c) => ({ ...c }), true],
    ['a member set to undefined (absent in JSON)', (c) => ({ ...c, largeBlob: undefined }), true],
    ['a large blob', (c) => ({ ...c, largeBlob: 'blob' }), false],
    ['hidden by a signal', (c) => ({ ...c, hidden: true }), false],
    ['the user name', (c) => ({ ...c, userName: 'bob' }), false],
    ['a transport', (c) => ({ ...c, transports: ['internal', 'hybrid'] }), false],
    ['the sealed secret', (c) => ({ ...c, secret: { ...c.secret, iv: 'other' } }), false],
    ['a member removed', (c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'spki')) as never, false],
  ];
  for (const [what, change, lazy] of cases) assert.equal(onlyUseChanged(before, change(credential())), lazy, what);
});
