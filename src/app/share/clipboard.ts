/**
 * Copy text with the async clipboard API. It is missing on insecure origins and refused inside sandboxed or
 * cross-origin frames without `allow="clipboard-write"`; callers then fall back to a selected text field.
 */

/** True when the text reached the clipboard; false when the API is missing or the browser refused. */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
