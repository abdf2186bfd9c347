// Error hints: the general cause of each error name, refined by the ceremony's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorHints } from '../../src/webauthn/errorHints.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

const rec = (
  kind: 'create' | 'get',
  name: string,
  options: object,
  extra: Partial<CeremonyRecord> = {},
): CeremonyRecord => ({
  id: 'x',
  kind,
  mode: 'native',
  status: 'error',
  origin: 'https://login.example.com',
  url: 'https://login.example.com/',
  crossOrigin: false,
  topLevel: true,
  startTime: 0,
  options,
  error: { name, message: 'm' },
  ...extra,
});

test('NotAllowedError with a short timeout says so first', () => {
  const h = errorHints(rec('get', 'NotAllowedError', { challenge: 'AA', timeout: 5000 }));
  assert.match(h[0]!, /5000 ms/);
  assert.match(h.at(-1)!, /cancelled/);
});
test('SecurityError names the RP ID that the origin may not use', () => {
  const h = errorHints(rec('create', 'SecurityError', { rp: { id: 'other.example' } }));
  assert.match(h[0]!, /"other\.example" from https:\/\/login\.example\.com/);
  assert.deepEqual(
    errorHints(rec('create', 'SecurityError', { rp: { id: 'example.com' } })).filter((x) =>
      x.includes('"example.com"'),
    ),
    [],
  );
});
test('InvalidStateError explains excludeCredentials; NotSupportedError lists the algorithms', () => {
  assert.match(errorHints(rec('create', 'InvalidStateError', { excludeCredentials: [{}] }))[0]!, /already holds/);
  assert.match(errorHints(rec('create', 'NotSupportedError', { pubKeyCredParams: [{ alg: -9999 }] }))[0]!, /-9999/);
  // Chromium's answer to the same options; the hint names the algorithms there too, and not for a list with ES256.
  assert.match(errorHints(rec('create', 'NotAllowedError', { pubKeyCredParams: [{ alg: -9999 }] }))[0]!, /-9999/);
  assert.doesNotMatch(errorHints(rec('create', 'NotAllowedError', { pubKeyCredParams: [{ alg: -7 }] })).join(), /-7/);
});
test('no error, no hints; unknown names and odd options never throw', () => {
  assert.deepEqual(errorHints({ ...rec('get', 'X', {}), error: undefined } as CeremonyRecord), []);
  assert.deepEqual(errorHints(rec('get', 'WeirdError', {})), []);
  assert.doesNotThrow(() => errorHints(rec('get', 'NotAllowedError', 5 as never)));
});
