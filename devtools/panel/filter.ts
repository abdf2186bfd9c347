// The filter bar's state and the predicate it applies to rows.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { rowSummary, type KindGroup, type StatusGroup } from './rowSummary.js';

export interface Filter {
  text: string;
  kinds: ReadonlySet<KindGroup>;
  statuses: ReadonlySet<StatusGroup>;
}

export const KIND_GROUPS: readonly KindGroup[] = ['create', 'get', 'other'];
export const STATUS_GROUPS: readonly StatusGroup[] = ['pending', 'ok', 'error', 'aborted'];

export const allPass: Filter = { text: '', kinds: new Set(KIND_GROUPS), statuses: new Set(STATUS_GROUPS) };

/** Indexes into `ceremonies` of the rows that pass; every word of the text must match somewhere. */
export function applyFilter(ceremonies: readonly CeremonyRecord[], f: Filter): number[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < ceremonies.length; i++) {
    const s = rowSummary(ceremonies[i]);
    if (!f.kinds.has(s.kind) || !f.statuses.has(s.status)) continue;
    if (words.every((w) => s.haystack.includes(w))) out.push(i);
  }
  return out;
}

export function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}
