// The signals applied to a store: checks in the browser's order, unknown credentials deleted or hidden, the
// accepted list hides and shows a user's credentials, names updated (truncated as stored names are), and
// nothing outside the RP ID, the user or the attached authenticators is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryCredentialStore, type StoredCredential } from '../../src/authenticator/credentialStore.js';
import { applySignal } from '../../src/authenticator/signals.js';

const caller = { origin: 'https://app.rp.test', crossOrigin: false };
const cred = (id: string, extra: Partial<StoredCredential> = {}): StoredCredential =>
  ({
    id,
    rpId: 'rp.test',
    userHandle: 'dTE',
    userName: 'u1',
    userDisplayName: 'U1',
    profileId: 'p',
    ...extra,
  }) as StoredCredential;

async function store(...list: StoredCredential[]): Promise<MemoryCredentialStore> {
  const s = new MemoryCredentialStore();
  for (const c of list) await s.put(c);
  return s;
}
const opts = { unknownCredential: 'delete' as const };
const errorName = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => e.name,
  );

test('bad arguments fail as the browser fails them, before anything changes', async () => {
  const s = await store(cred('AAAA'));
  const cases: Array<[Parameters<typeof applySignal>[1], unknown, string]> = [
    ['signalUnknownCredential', 'AAAA', 'TypeError'],
    ['signalUnknownCredential', { rpId: 'rp.test' }, 'TypeError'],
    ['signalUnknownCredential', { rpId: 'rp.test', credentialId: 'a+b/' }, 'TypeError'],
    ['signalUnknownCredential', { rpId: 'other.test', credentialId: 'AAAA' }, 'SecurityError'],
    ['signalAllAcceptedCredentials', { rpId: 'rp.test', userId: 'dTE', allAcceptedCredentialIds: 'AAAA' }, 'TypeError'],
    ['signalCurrentUserDetails', { rpId: 'rp.test', userId: 'dTE', name: 'n' }, 'TypeError'],
  ];
  for (const [name, arg, want] of cases)
    assert.equal(await errorName(applySignal(s, name, arg, caller, opts)), want, JSON.stringify(arg));
  assert.equal(await s.count(), 1);
});

test('signalUnknownCredential deletes, or hides when the user chose hiding; another RP ID is untouched', async () => {
  const s = await store(cred('AAAA'), cred('BBBB', { rpId: 'other.rp.test' }));
  const hide = await applySignal(s, 'signalUnknownCredential', { rpId: 'rp.test', credentialId: 'AAAA' }, caller, {
    unknownCredential: 'hide',
  });
  assert.deepEqual(
    hide.changes.map((c) => c.change),
    ['hidden'],
  );
  assert.equal((await s.get('AAAA'))?.hidden, true);
  const del = await applySignal(s, 'signalUnknownCredential', { rpId: 'rp.test', credentialId: 'AAAA' }, caller, opts);
  assert.deepEqual(
    del.changes.map((c) => c.change),
    ['deleted'],
  );
  assert.equal(await s.get('AAAA'), undefined);
  assert.ok(await s.get('BBBB'));
});

test("signalAllAcceptedCredentials hides the user's unlisted credentials and shows listed hidden ones", async () => {
  const s = await store(
    cred('AAAA'),
    cred('BBBB', { hidden: true }),
    cred('CCCC'),
    cred('DDDD', { userHandle: 'dTI' }),
  );
  const r = await applySignal(
    s,
    'signalAllAcceptedCredentials',
    { rpId: 'rp.test', userId: 'dTE', allAcceptedCredentialIds: ['AAAA', 'BBBB'] },
    caller,
    opts,
  );
  assert.deepEqual(r.changes.map((c) => [c.credentialId, c.change]).sort(), [
    ['BBBB', 'shown'],
    ['CCCC', 'hidden'],
  ]);
  assert.equal((await s.get('DDDD'))?.hidden, undefined, "another user's credential stays");
});

test('signalCurrentUserDetails renames the user (64-byte names), within the attached authenticators only', async () => {
  const s = await store(cred('AAAA'), cred('BBBB', { profileId: 'va-1' }));
  const long = 'é'.repeat(40);
  const r = await applySignal(
    s,
    'signalCurrentUserDetails',
    { rpId: 'rp.test', userId: 'dTE', name: long, displayName: 'New' },
    caller,
    { ...opts, within: (c) => c.profileId === 'va-1' },
  );
  assert.deepEqual(
    r.changes.map((c) => c.credentialId),
    ['BBBB'],
  );
  assert.equal(new TextEncoder().encode((await s.get('BBBB'))!.userName).length, 64);
  assert.deepEqual(r.changes[0]!.before, { name: 'u1', displayName: 'U1' });
  assert.equal((await s.get('AAAA'))!.userName, 'u1');
});
