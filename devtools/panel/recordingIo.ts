// Recording files in and out of the page: a download through a blob link, and reading a dropped, picked or
// pasted file. The file format itself belongs to src/webauthn/recording.ts.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { makeRecording, parseRecording, recordingFileName } from '../../src/webauthn/recording.js';

export function downloadRecording(ceremonies: readonly CeremonyRecord[], source: string | undefined): string {
  const recording = makeRecording([...ceremonies], source);
  const name = recordingFileName(recording);
  const url = URL.createObjectURL(new Blob([JSON.stringify(recording, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export type ImportResult = { ok: true; ceremonies: CeremonyRecord[]; source?: string } | { ok: false; error: string };

export function importRecordingText(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = parseRecording(json);
  if (!r.ok) return { ok: false, error: r.error.path ? `${r.error.path}: ${r.error.what}` : r.error.what };
  return { ok: true, ceremonies: r.value.ceremonies, ...(r.value.source ? { source: r.value.source } : {}) };
}

export const importRecordingFile = async (file: Blob): Promise<ImportResult> => importRecordingText(await file.text());
