/** Save a Blob as a file: an object URL on a temporary <a download>, clicked, then released. */

/** How long the object URL outlives the click: the browser reads it asynchronously after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/** Start the download of `blob` under `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** A file name from parts: lower case, safe characters only ("gradient-chain-flow-depth20.png"). */
export function safeFilename(parts: readonly string[], ext: string): string {
  const stem = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${stem || 'export'}.${ext}`;
}
