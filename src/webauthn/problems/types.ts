// A problem is a mistake a relying party made, found in the recorded log: one line, a severity and the
// section of the spec that says why.
import type { CeremonyRecord } from '../record.js';
import type { ParsedCeremony } from '../parsedCeremony.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  ruleId: string;
  severity: Severity;
  /** One line, naming the offending value. */
  message: string;
  /** URL of the spec section. */
  spec: string;
  ceremonyId: string;
  /** The option or response member at fault ("user.id"). */
  field?: string;
}

/** What the rules know of the log around a ceremony. */
export interface LogContext {
  /** Challenges (base64url) of earlier ceremonies, with the first ceremony that used each. */
  challenges: Map<string, string>;
  /** rpId + user.id of successful registrations so far. */
  registeredUsers: Set<string>;
  /** Last signCount seen per credential id. */
  signCounts: Map<string, number>;
  /** RP IDs whose ceremonies somewhere in the log ask userVerification "required". */
  rpsRequiringUv: Set<string>;
}

export interface ProblemRule {
  id: string;
  severity: Severity;
  title: string;
  spec: string;
  /** Returns the messages (and fields) of what this rule finds; nothing when the ceremony is fine or unreadable. */
  check(c: ParsedCeremony, ctx: LogContext): Array<{ message: string; field?: string }>;
}

export type { CeremonyRecord };
