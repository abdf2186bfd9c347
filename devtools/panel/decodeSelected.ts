// Decodes one ceremony of the log with what the log knows before it: the registration that created its
// credential (for the assertion's key) and earlier uses (for the signCount). Only the records that name the
// same credential are decoded, so selecting row 9,999 of a large log costs a few decodes, not ten thousand.
import type { DecodedCeremony } from '../../src/webauthn/ceremonyView.js';
import { decodeLog } from '../../src/webauthn/decodeCeremony.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';

const cache = new WeakMap<CeremonyRecord, Promise<DecodedCeremony>>();

const credentialIdOf = (r: CeremonyRecord): string | undefined => r.response?.id;

export function decodeSelected(record: CeremonyRecord, log: readonly CeremonyRecord[]): Promise<DecodedCeremony> {
  const hit = cache.get(record);
  if (hit) return hit;
  const id = credentialIdOf(record);
  const at = log.indexOf(record);
  const before = id === undefined || at < 0 ? [] : log.slice(0, at).filter((r) => credentialIdOf(r) === id);
  const decoded = decodeLog([...before, record]).then((all) => all[all.length - 1]!);
  cache.set(record, decoded);
  return decoded;
}
