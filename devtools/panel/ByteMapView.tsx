// A byte map as a protocol analyser's packet-bytes pane shows it: the hex and text of the bytes above, the
// fields below, each field's bytes in its colour. Hovering a field highlights its bytes; hovering a
// byte highlights its field and the rest of its bytes. Highlighting touches the DOM directly: a re-render of
// thousands of byte cells per mouse move would lag.
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ByteMap } from '../../src/webauthn/byteMap.js';

const ROW = 16;
/** Bytes (and their fields) shown before "Show all": an ordinary ceremony's structures fit, and draw quickly. */
const SHOWN = 2048;
const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const printable = (n: number) => (n >= 0x20 && n < 0x7f ? String.fromCharCode(n) : '·');

/** Each byte's field index (fields tile the bytes in order). */
function fieldOfByte(map: ByteMap, upTo: number): Int32Array {
  const out = new Int32Array(upTo).fill(-1);
  for (let i = 0; i < map.fields.length; i++) {
    const f = map.fields[i]!;
    for (let b = f.start; b < Math.min(f.end, upTo); b++) out[b] = i;
  }
  return out;
}

export function ByteMapView({ map }: { map: ByteMap }) {
  const [all, setAll] = useState(false);
  const shown = all ? map.bytes.length : Math.min(map.bytes.length, SHOWN);
  const owner = useMemo(() => fieldOfByte(map, shown), [map, shown]);
  const root = useRef<HTMLDivElement>(null);
  const lit = useRef<Element[]>([]);

  const light = (index: string | undefined): void => {
    for (const e of lit.current) e.classList.remove('hl');
    lit.current = index === undefined ? [] : [...(root.current?.querySelectorAll(`[data-f="${index}"]`) ?? [])];
    for (const e of lit.current) e.classList.add('hl');
  };
  const onOver = (e: MouseEvent): void => {
    const f = (e.target as Element | null)?.closest?.('[data-f]')?.getAttribute('data-f') ?? undefined;
    light(f);
  };

  const rows = [];
  for (let r = 0; r < shown; r += ROW) {
    // One cell per run of a field's bytes in the row (not per byte): a few hundred elements, not thousands.
    const hexCells = [],
      textCells = [];
    const end = Math.min(r + ROW, shown);
    for (let b = r; b < end;) {
      const f = owner[b]!;
      let e = b + 1;
      while (e < end && owner[e] === f) e++;
      const kind = f >= 0 ? map.fields[f]!.kind : 'unread';
      let hex = '',
        text = '';
      for (let k = b; k < e; k++) {
        hex += (k > b ? (k - r === ROW / 2 ? '  ' : ' ') : '') + hex2(map.bytes[k]!);
        text += printable(map.bytes[k]!);
      }
      const gap = b > r ? (b - r === ROW / 2 ? '  ' : ' ') : '';
      hexCells.push(
        gap,
        <span key={b} data-f={f} data-b={b} data-n={e - b} class={`bm-${kind}`}>
          {hex}
        </span>,
      );
      textCells.push(
        <span key={b} data-f={f} class={`bm-${kind}`}>
          {text}
        </span>,
      );
      b = e;
    }
    rows.push(
      <div class="bm-row" key={r}>
        <span class="bm-offset">{r.toString(16).padStart(4, '0')}</span>
        <span class="bm-hexcells">{hexCells}</span>
        <span class="bm-text">{textCells}</span>
      </div>,
    );
  }

  return (
    <div
      class="byte-map"
      data-byte-map={map.what}
      ref={root}
      onMouseOver={onOver}
      onMouseLeave={() => light(undefined)}
    >
      {map.error && (
        <p class="decode-error" role="alert">
          From byte {map.error.offset} on, the bytes could not be read: {map.error.what}
        </p>
      )}
      <div class="bm-bytes" aria-label={`Bytes of ${map.what}`}>
        {rows}
        {shown < map.bytes.length && (
          <button type="button" onClick={() => setAll(true)} data-action="show-all-bytes">
            Show all {map.bytes.length} bytes
          </button>
        )}
      </div>
      <ol class="bm-fields" aria-label={`Fields of ${map.what}`}>
        {map.fields.map((f, i) =>
          f.start >= shown ? null : (
            <li key={i} data-f={i} class={`bm-${f.kind}`} data-start={f.start} data-end={f.end}>
              <span class="bm-swatch" /> {f.label}{' '}
              <span class="muted">
                {f.start}–{f.end - 1} ({f.end - f.start} byte{f.end - f.start === 1 ? '' : 's'})
              </span>
            </li>
          ),
        )}
      </ol>
      {shown < map.bytes.length && (
        <p class="muted">
          {map.fields.filter((f) => f.start >= shown).length} more fields in the {map.bytes.length - shown} bytes not
          shown.
        </p>
      )}
    </div>
  );
}
