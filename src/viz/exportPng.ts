/**
 * PNG from an exported SVG: the SVG file is loaded as an image (a blob: URL, so it needs no network and, having no
 * foreignObject, does not taint the canvas), drawn at `scale`× on a canvas, and the PNG gets text chunks
 * (title, description, the state URL) so the file itself says how to reproduce it.
 */
import { pngWithText } from './exportPngText';

/** Device pixels per CSS pixel in exported PNGs: sharp on high-density screens and in print. */
export const PNG_SCALE = 2;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
    img.src = url;
  });
}

/** Rasterize `svgText` (width × height CSS pixels) at `scale`× and attach `texts` as PNG text chunks. */
export async function svgToPng(svgText: string, width: number, height: number, texts: Readonly<Record<string, string>>, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
    const bytes = pngWithText(new Uint8Array(await png.arrayBuffer()), texts);
    return new Blob([bytes as BlobPart], { type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}
