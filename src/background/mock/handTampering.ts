// RP security tests by hand: the tampering the popup picked for the next ceremony of its kind (or for every
// one until it is turned off), applied to the mock's answer; and what each applied tampering changed, kept
// by the clientDataJSON of the response it went into, so that the tab's log marks the record the page made
// of that ceremony, and later the RP's verdict on it. The page never tells the worker a record was tampered:
// only this map does. It lives in the worker's memory: a worker stopped in between loses the mark.
import { TAMPERINGS } from '../../authenticator/tamperings.js';
import type { MockSettings } from '../../messages.js';
import type { AppliedTampering, CeremonyRecord } from '../../webauthn/record.js';
import { notifyPanels } from '../recorder/panelPorts.js';
import { snapshot, upsertAll } from '../recorder/tabLog.js';
import { onVerdict, watchVerdict } from './rpVerdict.js';
import { loadSettings, saveSettings } from './settings.js';

/** Records reach the worker within a second of their answer; this many answers is far more than that. */
const KEPT = 64;
interface Applied {
  tampering: AppliedTampering;
  tabId: number;
  /** The record's id in the tab's log, once it is there. */
  recordId?: string;
}
const applied = new Map<string, Applied>();

/** The tampering this ceremony applies, if the popup picked one of its kind; its `changes` fill as it runs. */
export function handTampering(settings: MockSettings, kind: 'create' | 'get'): AppliedTampering | undefined {
  const picked = settings.tampering;
  if (picked?.ceremony !== kind || !isTampering(picked)) return undefined;
  return { id: picked.id, changes: [] };
}

/**
 * After the ceremony, whatever its outcome: a tampering picked for the next ceremony only is used up; an
 * answer's record will be marked with what it changed, and the RP's request that carries it is watched.
 */
export async function handTamperingDone(
  tampering: AppliedTampering,
  answer: { tabId: number; clientDataJSON: string } | undefined,
): Promise<void> {
  if (answer) {
    applied.set(answer.clientDataJSON, {
      tampering: { id: tampering.id, changes: [...tampering.changes] },
      tabId: answer.tabId,
    });
    while (applied.size > KEPT) applied.delete(applied.keys().next().value!);
    watchVerdict(answer.tabId, answer.clientDataJSON);
  }
  const s = await loadSettings();
  if (s.tampering?.id === tampering.id && !s.tampering.every) await saveSettings({ ...s, tampering: null });
}

/** The tampering that went into this stamped record's response, if the mock applied one in its tab. */
export function tamperingOfRecord(r: CeremonyRecord): AppliedTampering | undefined {
  const cdj = r.mode === 'mock' ? r.response?.response?.clientDataJSON : undefined;
  const entry = typeof cdj === 'string' ? applied.get(cdj) : undefined;
  if (!entry || entry.tabId !== r.tabId) return undefined;
  entry.recordId = r.id;
  return entry.tampering;
}

// The verdict joins the mark, and a record already in the log is written again with it.
onVerdict((cdj, verdict) => {
  const entry = applied.get(cdj);
  if (!entry) return;
  entry.tampering = { ...entry.tampering, verdict };
  const { tabId, recordId } = entry;
  if (recordId === undefined) return;
  void snapshot(tabId).then(async (log) => {
    const r = log.find((x) => x.id === recordId);
    if (!r) return;
    for (const stored of await upsertAll(tabId, [{ ...r, tampering: entry.tampering }]))
      notifyPanels(tabId, { type: 'upsert', ceremony: stored });
  });
});

/** Whether the catalogue has this tampering for that ceremony (the popup's patch is checked against it). */
export const isTampering = (p: { id: unknown; ceremony: unknown }): boolean =>
  TAMPERINGS.some((t) => t.id === p.id && t.ceremony === p.ceremony);
