// The authenticator's CBOR encoder (cbor-x). Maps are written in insertion order, so callers build them in
// CTAP2 canonical order (shorter keys first, integers before strings).
import { Encoder } from 'cbor-x';

const encoder = new Encoder({ mapsAsObjects: false, useRecords: false, variableMapSize: true, tagUint8Array: false });

export function encodeCbor(value: unknown): Uint8Array {
  const out = encoder.encode(value);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
}
