// One list row's text, taken from a record without decoding any bytes (the list must stay fast at 10,000 rows).
import type { CeremonyRecord } from '../../src/webauthn/record.js';

export type KindGroup = 'create' | 'get' | 'other';
export type StatusGroup = 'pending' | 'ok' | 'error' | 'aborted';

export interface RowSummary {
  kind: KindGroup;
  /** "create", "get", or the static's name. */
  kindLabel: string;
  status: StatusGroup;
  /** "ok", "pending", "aborted", or the error's name. */
  statusLabel: string;
  rpId: string;
  userName: string;
  origin: string;
  crossOrigin: boolean;
  mode: 'browser' | 'mock';
  /** Milliseconds, or undefined while pending. */
  duration: number | undefined;
  /** Lower-case text the filter box searches. */
  haystack: string;
}

const KIND_GROUP: Record<string, KindGroup> = { create: 'create', get: 'get' };

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** The RP ID the call used: rp.id / rpId as given, else the caller's host (the spec's default). */
function rpIdOf(r: CeremonyRecord, options: Record<string, unknown> | undefined): string {
  const given = r.kind === 'create' ? asString(asRecord(options?.rp)?.id) : asString(options?.rpId);
  if (given) return given;
  return r.kind === 'create' || r.kind === 'get' ? hostOf(r.origin) : '';
}

const cache = new WeakMap<CeremonyRecord, RowSummary>();

export function rowSummary(r: CeremonyRecord): RowSummary {
  const hit = cache.get(r);
  if (hit) return hit;
  const options = asRecord(r.options);
  const kind = KIND_GROUP[r.kind] ?? 'other';
  const statusLabel = r.status === 'error' ? r.error?.name || 'error' : r.status;
  const user = asRecord(options?.user);
  const userName = asString(user?.name) || asString(user?.displayName);
  const rpId = rpIdOf(r, options);
  const s: RowSummary = {
    kind,
    kindLabel: r.kind,
    status: r.status,
    statusLabel,
    rpId,
    userName,
    origin: r.origin,
    crossOrigin: r.crossOrigin,
    mode: r.mode === 'mock' ? 'mock' : 'browser',
    duration: r.endTime === undefined ? undefined : Math.max(0, r.endTime - r.startTime),
    haystack: [r.kind, statusLabel, rpId, userName, r.origin, r.url, r.mode, r.id, r.error?.message ?? '']
      .join(' ')
      .toLowerCase(),
  };
  cache.set(r, s);
  return s;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '…';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
