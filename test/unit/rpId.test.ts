// The RP ID rules, asked as every ceremony asks them: the same question twice gets the same verdict, an absent
// RP ID is not an empty one, and a page cycling RP IDs neither grows the memo nor changes a verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRpId } from '../../src/webauthn/rpId.js';

test('a repeated question gets the same verdict, and verdicts cannot be changed by a caller', () => {
  const first = validateRpId('https://login.example.com', 'example.com');
  assert.deepEqual(first, { ok: true, rpId: 'example.com' });
  assert.equal(validateRpId('https://login.example.com', 'example.com'), first);
  assert.throws(() => {
    (first as { rpId: string }).rpId = 'evil.test';
  }, TypeError);
  assert.deepEqual(validateRpId('https://login.example.com', 'example.com'), { ok: true, rpId: 'example.com' });
});

test('an absent RP ID defaults to the host; an empty one is refused', () => {
  assert.deepEqual(validateRpId('https://example.com', undefined), { ok: true, rpId: 'example.com' });
  assert.equal(validateRpId('https://example.com', '').ok, false);
  assert.deepEqual(validateRpId('https://example.com', undefined), { ok: true, rpId: 'example.com' });
});

test('verdicts stay right after many different questions (the memo is bounded and cleared)', () => {
  for (let i = 0; i < 1000; i++) {
    assert.equal(validateRpId(`https://a${i}.example.com`, `a${i}.example.com`).ok, true);
    assert.equal(validateRpId(`https://a${i}.example.com`, 'co.uk').ok, false);
  }
  assert.equal(validateRpId('https://github.io', 'github.io').ok, false);
  assert.equal(validateRpId('https://x.github.io', 'x.github.io').ok, true);
  assert.equal(validateRpId('https://192.168.0.1', undefined).ok, false);
});
