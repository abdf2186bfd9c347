// The recording file: an exported log, versioned. Reading one checks every record's members (a recording comes
// from anyone, in a bug report) and names the first one that is wrong, so the panel never renders garbage.
import { RECORDING_FORMAT, RECORDING_VERSION, STATIC_CALLS, type CeremonyRecord, type Recording } from './record.js';
import { isRecord } from './json.js';
import { fail, ok, type Decoded } from './result.js';

const KINDS: ReadonlySet<string> = new Set(['create', 'get', ...STATIC_CALLS]);
const STATUSES: ReadonlySet<string> = new Set(['pending', 'ok', 'error', 'aborted']);
const MODES: ReadonlySet<string> = new Set(['native', 'mock']);

type Field = [member: string, valid: (v: unknown) => boolean, expected: string];
const optional = (f: (v: unknown) => boolean) => (v: unknown) => v === undefined || f(v);
const isError = (v: unknown) => isRecord(v) && typeof v.name === 'string' && typeof v.message === 'string';
const isTampering = (v: unknown) =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  Array.isArray(v.changes) &&
  v.changes.every((c) => isRecord(c) && typeof c.field === 'string');

/** What a record must have for the panel to list and decode it; anything else it may carry is kept. */
const RECORD_FIELDS: readonly Field[] = [
  ['id', (v) => typeof v === 'string' && v !== '', 'a non-empty string'],
  ['kind', (v) => typeof v === 'string' && KINDS.has(v), `one of ${[...KINDS].join(', ')}`],
  ['mode', (v) => typeof v === 'string' && MODES.has(v), 'native or mock'],
  ['status', (v) => typeof v === 'string' && STATUSES.has(v), 'pending, ok, error or aborted'],
  ['origin', (v) => typeof v === 'string', 'a string'],
  ['startTime', (v) => typeof v === 'number' && Number.isFinite(v), 'a number'],
  ['endTime', optional((v) => typeof v === 'number' && Number.isFinite(v)), 'a number'],
  ['response', optional(isRecord), 'an object'],
  ['error', optional(isError), 'an object with name and message'],
  ['tampering', optional(isTampering), 'an object with id and a list of changes (field, before, after)'],
];

export function makeRecording(ceremonies: CeremonyRecord[], source?: string): Recording {
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    exportedAt: new Date().toISOString(),
    ...(source ? { source } : {}),
    ceremonies,
  };
}

export function parseRecording(json: unknown): Decoded<Recording> {
  if (!isRecord(json) || json.format !== RECORDING_FORMAT) return fail(`not a ${RECORDING_FORMAT} file`);
  if (json.version !== RECORDING_VERSION)
    return fail(`unsupported version ${String(json.version)} (this build reads version ${RECORDING_VERSION})`);
  if (!Array.isArray(json.ceremonies)) return fail('ceremonies is not a list', undefined, 'ceremonies');
  for (const [i, r] of json.ceremonies.entries()) {
    if (!isRecord(r)) return fail('is not an object', undefined, `ceremonies[${i}]`);
    for (const [member, valid, expected] of RECORD_FIELDS) {
      if (!valid(r[member])) return fail(`${member} must be ${expected}`, undefined, `ceremonies[${i}].${member}`);
    }
  }
  const ids = new Set<string>();
  for (const [i, r] of (json.ceremonies as CeremonyRecord[]).entries()) {
    if (ids.has(r.id)) return fail(`id "${r.id}" appears twice`, undefined, `ceremonies[${i}].id`);
    ids.add(r.id);
  }
  return ok({
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    exportedAt: typeof json.exportedAt === 'string' ? json.exportedAt : '',
    ...(typeof json.source === 'string' ? { source: json.source } : {}),
    ceremonies: json.ceremonies as CeremonyRecord[],
  });
}

export const recordingFileName = (r: Recording): string =>
  `webauthn-recording-${(r.exportedAt || 'undated').replace(/[:.]/g, '-')}.json`;
