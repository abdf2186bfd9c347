// The RP mistakes found in the whole log (some rules, like a reused challenge, need every ceremony), computed
// once per log version and only when a detail asks for them.
import { findProblems } from '../../src/webauthn/problems/index.js';
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

const find = (log: readonly CeremonyRecord[]): Map<string, PanelProblem[]> =>
  new Map(
    [...findProblems(log)].map(([id, problems]) => [
      id,
      problems.map((p) => ({ severity: p.severity, message: p.message, spec: p.spec, rule: p.ruleId })),
    ]),
  );

export function problemsOfLog(log: readonly CeremonyRecord[]): Map<string, PanelProblem[]> {
  if (log !== lastLog) {
    lastLog = log;
    lastResult = find(log);
  }
  return lastResult;
}
