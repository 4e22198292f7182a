/**
 * Copy text with the async clipboard API. It is missing on insecure origins and refused inside sandboxed or
 * cross-origin frames without `allow="clipboard-write"`; callers then fall back to a selected text field.
 */

type PolicyDocument = Document & { permissionsPolicy?: { allowsFeature(f: string): boolean }; featurePolicy?: { allowsFeature(f: string): boolean } };

/** Whether the frame's permissions policy allows a feature (true where the browser cannot say). */
function policyAllows(feature: string): boolean {
  if (typeof document === 'undefined') return true;
  const d = document as PolicyDocument;
  const policy = d.permissionsPolicy ?? d.featurePolicy;
  try {
    return policy ? policy.allowsFeature(feature) : true;
  } catch {
    return true;
  }
}

/** True when the text reached the clipboard; false when the API is missing or the browser refused. */
export async function writeClipboard(text: string): Promise<boolean> {
  // Asking while the policy forbids it would only log a permissions-policy error in the console.
  if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText || !policyAllows('clipboard-write')) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
