// The decoded view of the selected record, or the decoder's failure; undefined while it works.
import { useEffect, useState } from 'preact/hooks';
import type { DecodedCeremony } from '../../src/webauthn/ceremonyView.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { decodeSelected } from './decodeSelected.js';

export type DecodeState = { record: CeremonyRecord } & (
  { decoded: DecodedCeremony } | { failure: string } | { pending: true }
);

export function useDecoded(record: CeremonyRecord, log: readonly CeremonyRecord[]): DecodeState {
  const [state, setState] = useState<DecodeState>({ record, pending: true });
  useEffect(() => {
    let current = true;
    setState({ record, pending: true });
    decodeSelected(record, log).then(
      (decoded) => current && setState({ record, decoded }),
      // decodeCeremony does not throw by contract; if it ever does, show it instead of a blank detail.
      (e: unknown) => current && setState({ record, failure: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [record]);
  return state.record === record ? state : { record, pending: true };
}
