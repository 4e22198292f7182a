import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, pngTextEntries, pngWithText } from '../../src/viz/exportPngText';

/** Big-endian u32. */
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A 2×1 RGB PNG built by hand (filter byte 0 per row), so the test does not depend on the module under test. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const td = [...type].map((c) => c.charCodeAt(0)).concat(data);
    return [...u32(data.length), ...td, ...u32(crc32(Uint8Array.from(td)))];
  };
  const ihdr = [...u32(2), ...u32(1), 8, 2, 0, 0, 0];
  const raw = [0, 255, 0, 0, 0, 0, 255];
  return Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, ...chunk('IHDR', ihdr), ...chunk('IDAT', [...deflateSync(Uint8Array.from(raw))]), ...chunk('IEND', [])]);
}

/** Walk the chunks independently: [type, data] pairs. */
function chunks(png: Uint8Array): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let o = 8; o < png.length; ) {
    const len = v.getUint32(o);
    out.push([String.fromCharCode(...png.subarray(o + 4, o + 8)), png.subarray(o + 8, o + 8 + len)]);
    o += 12 + len;
  }
  return out;
}

describe('CRC-32', () => {
  it('matches the standard check value and the CRC of IEND', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    // Every PNG ends with the same 12 bytes: 0000 0000 "IEND" AE42 6082.
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });
});

describe('PNG text chunks', () => {
  it('go right after IHDR, as tEXt for Latin-1 and iTXt for other text, and leave the image data intact', () => {
    const url = 'https://example.org/gcv/?v=1&depth=30&act=tanh';
    const out = pngWithText(tinyPng(), { URL: url, Title: '梯度逐层的流动' });
    const cs = chunks(out);
    expect(cs.map((c) => c[0])).toEqual(['IHDR', 'tEXt', 'iTXt', 'IDAT', 'IEND']);
    const text = cs[1][1];
    expect(new TextDecoder('latin1').decode(text)).toBe(`URL\0${url}`);
    const itxt = cs[2][1];
    // keyword \0, flag 0, method 0, empty language \0, empty translated keyword \0, UTF-8 text
    expect(Array.from(itxt.subarray(0, 10))).toEqual([...'Title'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0, 0]));
    expect(new TextDecoder().decode(itxt.subarray(10))).toBe('梯度逐层的流动');
    expect(Array.from(inflateSync(cs[3][1]))).toEqual([0, 255, 0, 0, 0, 0, 255]);
  });

  it('carry valid CRCs and read back', () => {
    const out = pngWithText(tinyPng(), { URL: 'u', Description: 'depth 20 · sigmoid', Title: '图' });
    expect(pngTextEntries(out)).toEqual({ URL: 'u', Description: 'depth 20 · sigmoid', Title: '图' });
    const bad = out.slice();
    bad[40] ^= 1; // inside the first tEXt chunk
    expect(() => pngTextEntries(bad)).toThrow(/CRC/);
  });

  it('refuse a file that is not a PNG', () => {
    expect(() => pngWithText(new Uint8Array(40), { a: 'b' })).toThrow(/not a PNG/);
  });
});
