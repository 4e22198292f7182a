/**
 * PNG text metadata: insert tEXt (Latin-1) or iTXt (UTF-8) chunks right after IHDR, and read them back.
 * Pure byte work, no DOM, so it is unit-tested in node. Chunk layout (PNG spec §5.3): length (4 bytes, big
 * endian) · type (4 ASCII bytes) · data · CRC-32 of type + data.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function isPng(b: Uint8Array): boolean {
  return b.length >= 33 && SIGNATURE.every((v, i) => b[i] === v);
}

function latin1(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return null;
    out[i] = c;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** One text chunk: tEXt when key and text are Latin-1, else iTXt (uncompressed UTF-8). Keywords are 1–79 chars. */
function textChunk(key: string, text: string): Uint8Array {
  const k = latin1(key.slice(0, 79));
  if (!k || k.length === 0) throw new Error(`PNG text keyword must be 1–79 Latin-1 characters: ${JSON.stringify(key)}`);
  const t = latin1(text);
  if (t) return chunk('tEXt', concat([k, new Uint8Array([0]), t]));
  // iTXt: keyword \0 compression-flag compression-method language-tag \0 translated-keyword \0 text
  return chunk('iTXt', concat([k, new Uint8Array([0, 0, 0, 0, 0]), new TextEncoder().encode(text)]));
}

/** A copy of `png` with one text chunk per entry inserted after IHDR (which is always the first chunk). */
export function pngWithText(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG file');
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  return concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

/** The tEXt and iTXt entries of a PNG (later duplicates win); throws on a bad signature or CRC. */
export function pngTextEntries(png: Uint8Array): Record<string, string> {
  if (!isPng(png)) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  let o = 8;
  while (o + 12 <= png.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    if (crc32(png.subarray(o + 4, o + 8 + len)) !== view.getUint32(o + 8 + len)) throw new Error(`bad CRC in ${type} chunk`);
    if (type === 'tEXt' || type === 'iTXt') {
      const z = data.indexOf(0);
      const key = String.fromCharCode(...data.subarray(0, z));
      if (type === 'tEXt') out[key] = String.fromCharCode(...data.subarray(z + 1));
      else {
        // skip flag, method, then the language tag and translated keyword (each \0-terminated)
        let p = z + 3;
        p = data.indexOf(0, p) + 1;
        p = data.indexOf(0, p) + 1;
        out[key] = new TextDecoder().decode(data.subarray(p));
      }
    }
    if (type === 'IEND') break;
    o += 12 + len;
  }
  return out;
}
