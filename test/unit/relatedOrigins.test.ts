// The related-origins list as §5.11.1 reads it: the caller's exact origin, within the first five registrable
// labels; junk entries skipped, not fatal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relatedOriginAllowed } from '../../src/webauthn/relatedOrigins.js';

test('the caller is allowed when listed among the first five labels; the sixth label and junk are not', () => {
  const five = [
    'https://a.com',
    'https://b.com',
    'https://www.b.com',
    'https://c.co.uk',
    'https://d.net',
    'https://e.org',
  ];
  const list = { origins: [42, 'not a url', ...five, 'https://f.com', 'https://app.e.org:8443'] };
  const cases: Array<[string, boolean]> = [
    ['https://a.com', true],
    ['https://www.b.com', true],
    ['https://e.org', true],
    ['https://app.e.org:8443', true],
    ['https://f.com', false],
    ['http://a.com', false],
    ['https://a.com:444', false],
  ];
  assert.deepEqual(
    cases.map(([o]) => relatedOriginAllowed(list, o)),
    cases.map(([, want]) => want),
  );
  for (const bad of [undefined, null, {}, { origins: 'https://a.com' }, []])
    assert.equal(relatedOriginAllowed(bad, 'https://a.com'), false);
});
