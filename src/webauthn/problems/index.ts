// findProblems: every rule over a whole log, in order, with the context earlier ceremonies give.
import type { CeremonyRecord } from '../record.js';
import { parseCeremony, rememberSignCount } from '../parsedCeremony.js';
import { PROBLEM_RULES } from './rules.js';
import type { LogContext, Problem } from './types.js';

export { PROBLEM_RULES };
export type { Problem, ProblemRule, Severity } from './types.js';

/** Problems by ceremony id. Never throws: a rule that fails on odd input finds nothing. */
export function findProblems(records: readonly CeremonyRecord[]): Map<string, Problem[]> {
  const parsed = records.map(parseCeremony);
  const ctx: LogContext = {
    challenges: new Map(),
    registeredUsers: new Set(),
    signCounts: new Map(),
    rpsRequiringUv: new Set(),
  };
  for (const p of parsed) {
    const uv = p?.kind === 'create' ? p.create?.authenticatorSelection?.userVerification : p?.get?.userVerification;
    if (p?.rpId && uv === 'required') ctx.rpsRequiringUv.add(p.rpId);
  }
  const out = new Map<string, Problem[]>();
  for (const p of parsed) {
    if (!p) continue;
    const found: Problem[] = [];
    for (const rule of PROBLEM_RULES) {
      try {
        for (const f of rule.check(p, ctx)) {
          found.push({
            ruleId: rule.id,
            severity: rule.severity,
            message: f.message,
            spec: rule.spec,
            ceremonyId: p.record.id,
            ...(f.field ? { field: f.field } : {}),
          });
        }
      } catch {
        // A rule that cannot read this record has nothing to say about it.
      }
    }
    if (found.length) out.set(p.record.id, found);
    // What this ceremony teaches the ones after it.
    if (p.challenge && !ctx.challenges.has(p.challenge)) ctx.challenges.set(p.challenge, p.record.id);
    if (p.kind === 'create' && p.record.status === 'ok' && p.rpId && typeof p.create?.user?.id === 'string')
      ctx.registeredUsers.add(`${p.rpId} ${p.create.user.id}`);
    rememberSignCount(ctx.signCounts, p);
  }
  return out;
}
