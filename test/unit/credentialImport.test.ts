// Importing an export file into the mock: a good entry signs in the new place; every field of a bad one is
// checked, with the entry and field named; unknown members are dropped; an id held for another RP ID is
// replaced only when the user confirms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportCredentials, importCredentials } from '../../src/authenticator/credentialTransfer.js';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { challenge, creationOptions, ctx, makeAuthenticator, profile } from './authenticatorSetup.js';

async function exported() {
  const from = await makeAuthenticator();
  const p = profile('security-key');
  const reg = await from.create(creationOptions({ authenticatorSelection: { residentKey: 'required' } }), ctx(p));
  return { reg, file: await exportCredentials(from, undefined, 'jwk'), p };
}

test('an exported credential imports and signs; unknown members are dropped', async () => {
  const { reg, file, p } = await exported();
  const to = await makeAuthenticator();
  const entry = { ...file.credentials[0]!, injected: '<script>', secret: { iv: 'x', data: 'y' } };
  const r = await importCredentials(to, { ...file, credentials: [entry] });
  assert.deepEqual([r.imported, r.skipped], [1, []]);
  const stored = (await to.store.get(reg.id))! as unknown as Record<string, unknown>;
  assert.equal(stored.injected, undefined);
  const a = await to.get({ challenge: challenge(), allowCredentials: [{ type: 'public-key', id: reg.id }] }, ctx(p));
  assert.equal(a.id, reg.id);
});

test('each bad field refuses its entry, naming the entry and the field; good entries beside it still import', async () => {
  const { file } = await exported();
  const good = file.credentials[0]!;
  const longId = toBase64url(new Uint8Array(1024));
  const ecAsRsa = { ...good, id: toBase64url(new Uint8Array(16).fill(7)), alg: -257 };
  const bad = [
    { ...good, id: 'not base64url!' },
    { ...good, id: longId },
    { ...good, rpId: 'com' },
    { ...good, rpId: '192.168.0.1' },
    { ...good, rpId: 'Example.ORG' },
    { ...good, alg: -9999 },
    ecAsRsa,
    { ...good, privateKey: { format: 'pem' } },
  ];
  const to = await makeAuthenticator();
  const r = await importCredentials(to, { ...file, credentials: [...bad, good] });
  assert.equal(r.imported, 1);
  const fields = r.skipped.map((s) => /^credentials\[(\d)\]: (\w+):/.exec(s)?.slice(1, 3).join(' '));
  assert.deepEqual(fields, ['0 id', '1 id', '2 rpId', '3 rpId', '4 rpId', '5 alg', '6 privateKey', '7 privateKey']);
});

test('an id held for another RP ID is refused unless the user confirms the replacement', async () => {
  const { reg, file } = await exported();
  const to = await makeAuthenticator();
  await importCredentials(to, file);
  const moved = { ...file, credentials: [{ ...file.credentials[0]!, rpId: 'example.org' }] };
  const refused = await importCredentials(to, moved);
  assert.deepEqual([refused.imported, refused.conflicts], [0, [reg.id]]);
  assert.match(refused.skipped[0]!, /^credentials\[0\]: id: exists for localhost/);
  assert.equal((await to.store.get(reg.id))!.rpId, 'localhost');
  const confirmed = await importCredentials(to, moved, true);
  assert.equal(confirmed.imported, 1);
  assert.equal((await to.store.get(reg.id))!.rpId, 'example.org');
});
