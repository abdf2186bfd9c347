// Draws the extension icon (a key on a rounded square) as PNGs at every size the stores ask for,
// so the repository holds no binary art and every size stays sharp.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

// Shape in unit coordinates: 1 = key (white), 2 = background (blue), 0 = transparent.
function shape(x, y) {
  const r = 0.18; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r),
    cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const dx = x - 0.34,
    dy = y - 0.5,
    d = Math.hypot(dx, dy);
  if (d < 0.17 && d > 0.08) return 1; // bow of the key
  if (x > 0.49 && x < 0.84 && Math.abs(y - 0.5) < 0.045) return 1; // shaft
  if (x > 0.7 && x < 0.76 && y > 0.5 && y < 0.64) return 1; // tooth
  if (x > 0.78 && x < 0.84 && y > 0.5 && y < 0.6) return 1; // tooth
  return 2;
}

export function iconPng(size) {
  const S = 4; // supersampling per axis
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let key = 0,
        bg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const v = shape((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (v === 1) key++;
          else if (v === 2) bg++;
        }
      const n = S * S,
        a = (key + bg) / n,
        k = key + bg ? key / (key + bg) : 0;
      const o = 1 + px * 4;
      row[o] = Math.round(26 + (255 - 26) * k);
      row[o + 1] = Math.round(115 + (255 - 115) * k);
      row[o + 2] = Math.round(232 + (255 - 232) * k);
      row[o + 3] = Math.round(255 * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 48, 64, 96, 128];
