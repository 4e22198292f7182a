/**
 * Optional persistence (remembered theme). Every access is guarded: inside a sandboxed or third-party iframe,
 * merely touching localStorage throws a SecurityError — that must never blank the app. Falls back to memory.
 */
const memory = new Map<string, string>();

function local(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored value, or null when absent or when storage is unavailable. */
export function storageGet(key: string): string | null {
  try {
    const s = local();
    const v = s ? s.getItem(key) : null;
    return v ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

/** Store a value; silently keeps it in memory when storage is unavailable or full. */
export function storageSet(key: string, value: string): void {
  memory.set(key, value);
  try {
    local()?.setItem(key, value);
  } catch {
    // Storage refused (sandboxed iframe, private mode, quota): the in-memory copy is enough for this session.
  }
}
