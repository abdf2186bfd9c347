// The page-world base64url codec: the hook's encoder and the mock side's decoder agree with Node's, for every
// length, in both alphabets; the decoder skips what is not in them and reads nothing a page can change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { base64url } from '../../src/page/base64url.js';
import { base64urlToBuffer } from '../../src/page/mock/base64urlDecode.js';

test('round trips for every length from 0 to 300, base64url and base64', () => {
  for (let n = 0; n <= 300; n++) {
    const b = randomBytes(n);
    assert.equal(base64url(new Uint8Array(b)), b.toString('base64url'));
    for (const text of [b.toString('base64url'), b.toString('base64')])
      assert.deepEqual(Buffer.from(base64urlToBuffer(text)), b, `${n} bytes`);
  }
});

test('characters outside the alphabets are skipped, whatever Object.prototype holds', () => {
  const proto = Object.prototype as unknown as Record<string, number>;
  proto['!'] = 1;
  try {
    assert.deepEqual(Buffer.from(base64urlToBuffer('AQ!ID\n==é')), Buffer.from([1, 2, 3]));
  } finally {
    delete proto['!'];
  }
});
