// The recording file: export → import loses nothing; a malformed file or record is refused with the path of
// the first bad member, never thrown; random JSON never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeRecording, parseRecording } from '../../src/webauthn/recording.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

const record = (over: Partial<CeremonyRecord> = {}): CeremonyRecord =>
  ({
    id: 'f0-a-1',
    kind: 'create',
    mode: 'native',
    status: 'ok',
    origin: 'https://example.com',
    url: 'https://example.com/',
    crossOrigin: false,
    topLevel: true,
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_020,
    options: { challenge: 'AAAA' },
    ...over,
  }) as CeremonyRecord;

test('export then import gives back every record, member for member', () => {
  const ceremonies = [
    record(),
    record({ id: 'f0-a-2', kind: 'get', status: 'error', error: { name: 'NotAllowedError', message: 'x' } }),
    record({ id: 'f0-a-3', kind: 'isConditionalMediationAvailable', result: true, options: undefined }),
    record({
      id: 'f0-a-4',
      mode: 'mock',
      tampering: { id: 'up-clear', changes: [{ field: 'authenticatorData.UP', before: true, after: false }] },
    }),
  ];
  const file = JSON.parse(JSON.stringify(makeRecording(ceremonies, 'https://example.com/login'))) as unknown;
  const back = parseRecording(file);
  assert.ok(back.ok);
  assert.deepEqual(back.value.ceremonies, JSON.parse(JSON.stringify(ceremonies)));
  assert.equal(back.value.source, 'https://example.com/login');
});

const CASES: Array<[string, unknown, string]> = [
  ['not a recording', { hello: 1 }, 'not a webauthn-devtools-recording file'],
  ['newer version', { ...makeRecording([]), version: 2 }, 'unsupported version 2'],
  ['ceremonies not a list', { ...makeRecording([]), ceremonies: {} }, 'ceremonies'],
  ['a record that is a number', makeRecording([7 as never]), 'ceremonies[0]'],
  ['unknown kind', makeRecording([record({ kind: 'steal' as never })]), 'ceremonies[0].kind'],
  [
    'bad start time',
    makeRecording([record(), record({ id: 'b', startTime: 'soon' as never })]),
    'ceremonies[1].startTime',
  ],
  ['error without a name', makeRecording([record({ error: { message: 'm' } as never })]), 'ceremonies[0].error'],
  ['duplicate ids', makeRecording([record(), record()]), 'ceremonies[1].id'],
  [
    'a tampering without its changes',
    makeRecording([record({ tampering: { id: 'up-clear' } as never })]),
    'ceremonies[0].tampering',
  ],
];
for (const [name, file, where] of CASES) {
  test(`refused with its place named: ${name}`, () => {
    const r = parseRecording(file);
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(`${r.error.path ?? ''} ${r.error.what}`.includes(where), JSON.stringify(r.error));
  });
}

test('random JSON never throws', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      parseRecording(v);
      parseRecording({ ...makeRecording([]), ceremonies: [v] });
    }),
    { numRuns: 500 },
  );
});
