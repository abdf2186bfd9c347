// The problems for one ceremony of the log.
import { useMemo } from 'preact/hooks';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { problemsOfLog, type PanelProblem } from './problemsOfLog.js';

export function useProblems(log: readonly CeremonyRecord[], id: string): readonly PanelProblem[] {
  return useMemo(() => problemsOfLog(log).get(id) ?? [], [log, id]);
}
