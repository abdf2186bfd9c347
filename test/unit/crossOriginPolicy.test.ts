// How an iframe's `allow` attribute delegates the WebAuthn features (read from the parent in Firefox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowDelegates } from '../../src/background/mock/crossOriginPolicy.js';

test('allow attribute: a bare feature, *, src and the origin delegate; none and other origins do not', () => {
  const f = 'publickey-credentials-get';
  const o = 'https://rp.test';
  const cases: Array<[string, boolean]> = [
    ['publickey-credentials-get', true],
    ['camera; publickey-credentials-get', true],
    ["publickey-credentials-get 'src'", true],
    ['publickey-credentials-get *', true],
    ['publickey-credentials-get https://rp.test', true],
    ['publickey-credentials-get https://other.test', false],
    ["publickey-credentials-get 'none'", false],
    ['publickey-credentials-create', false],
    ['', false],
  ];
  assert.deepEqual(
    cases.map(([allow]) => allowDelegates(allow, f, o)),
    cases.map(([, want]) => want),
  );
});
