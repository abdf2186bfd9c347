// The RP mistakes found in the whole log (some rules, like a reused challenge, need every ceremony), computed
// once per log version and only when a detail asks for them.
import type { CeremonyRecord } from '../../src/webauthn/record.js';

/** What the panel shows of a problem. */
export interface PanelProblem {
  severity: string;
  message: string;
  spec?: string;
  rule?: string;
}

let lastLog: readonly CeremonyRecord[] | undefined;
let lastResult = new Map<string, PanelProblem[]>();

const find = (_log: readonly CeremonyRecord[]): Map<string, PanelProblem[]> => new Map();

export function problemsOfLog(log: readonly CeremonyRecord[]): Map<string, PanelProblem[]> {
  if (log !== lastLog) {
    lastLog = log;
    lastResult = find(log);
  }
  return lastResult;
}
