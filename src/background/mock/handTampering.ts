// RP security tests by hand: the tampering the popup picked for the next ceremony of its kind (or for every
// one until it is turned off), applied to the mock's answer; and what each applied tampering changed, kept
// by the clientDataJSON of the response it went into, so that the tab's log marks the record the page made
// of that ceremony. The page never tells the worker a record was tampered: only this map does.
import { TAMPERINGS } from '../../authenticator/tamperings.js';
import type { MockSettings } from '../../messages.js';
import type { AppliedTampering, CeremonyRecord } from '../../webauthn/record.js';
import { loadSettings, saveSettings } from './settings.js';

/** Records reach the worker within a second of their answer; this many answers is far more than that. */
const KEPT = 64;
const applied = new Map<string, AppliedTampering>();

/** The tampering this ceremony applies, if the popup picked one of its kind; its `changes` fill as it runs. */
export function handTampering(settings: MockSettings, kind: 'create' | 'get'): AppliedTampering | undefined {
  const picked = settings.tampering;
  if (picked?.ceremony !== kind || !isTampering(picked)) return undefined;
  return { id: picked.id, changes: [] };
}

/**
 * After the ceremony, whatever its outcome: a tampering picked for the next ceremony only is used up, and
 * the answer's record will be marked with what it changed.
 */
export async function handTamperingDone(
  tampering: AppliedTampering,
  clientDataJSON: string | undefined,
): Promise<void> {
  if (clientDataJSON !== undefined) {
    applied.set(clientDataJSON, { id: tampering.id, changes: [...tampering.changes] });
    while (applied.size > KEPT) applied.delete(applied.keys().next().value!);
  }
  const s = await loadSettings();
  if (s.tampering?.id === tampering.id && !s.tampering.every) await saveSettings({ ...s, tampering: null });
}

/** The tampering that went into this record's response, if the mock applied one (page claims are ignored). */
export function tamperingOfRecord(r: CeremonyRecord): AppliedTampering | undefined {
  const cdj = r.mode === 'mock' ? r.response?.response?.clientDataJSON : undefined;
  return typeof cdj === 'string' ? applied.get(cdj) : undefined;
}

/** Whether the catalogue has this tampering for that ceremony (the popup's patch is checked against it). */
export const isTampering = (p: { id: unknown; ceremony: unknown }): boolean =>
  TAMPERINGS.some((t) => t.id === p.id && t.ceremony === p.ceremony);
