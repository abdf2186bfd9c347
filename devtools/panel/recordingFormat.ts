// Until src/webauthn/recording.ts lands: the smallest reader and writer of the format in record.ts.
import { RECORDING_FORMAT, RECORDING_VERSION, type CeremonyRecord, type Recording } from '../../src/webauthn/record.js';
import { fail, ok, type Decoded } from '../../src/webauthn/result.js';

export function makeRecording(ceremonies: CeremonyRecord[], source?: string): Recording {
  return { format: RECORDING_FORMAT, version: RECORDING_VERSION, exportedAt: new Date().toISOString(), ...(source ? { source } : {}), ceremonies };
}

export function parseRecording(json: unknown): Decoded<Recording> {
  const r = json as Partial<Recording> | null;
  if (typeof r !== 'object' || r === null || r.format !== RECORDING_FORMAT) return fail(`not a ${RECORDING_FORMAT} file`);
  if (r.version !== RECORDING_VERSION) return fail(`unsupported version ${String(r.version)}`);
  if (!Array.isArray(r.ceremonies)) return fail('ceremonies is not a list', undefined, 'ceremonies');
  return ok(r as Recording);
}

export const recordingFileName = (r: Recording): string => `webauthn-recording-${r.exportedAt.replace(/[:.]/g, '-')}.json`;
