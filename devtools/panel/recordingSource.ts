// A log that holds what was imported from a recording file; nothing arrives on its own.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import type { LogEvent, LogSource } from './logSource.js';

export function recordingSource(initial: CeremonyRecord[] = []): LogSource {
  let listener: ((e: LogEvent) => void) | undefined;
  let preserveLog = false;
  const snapshot = (ceremonies: CeremonyRecord[]): void => listener?.({ type: 'snapshot', ceremonies, preserveLog });
  return {
    kind: 'recording',
    subscribe(l) {
      listener = l;
      snapshot(initial);
      return () => {
        listener = undefined;
      };
    },
    clear: () => snapshot([]),
    setPreserveLog(enabled) {
      preserveLog = enabled;
    },
    load: (ceremonies) => snapshot(ceremonies),
  };
}
