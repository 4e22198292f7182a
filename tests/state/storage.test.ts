import { afterEach, describe, expect, it } from 'vitest';
import { storageGet, storageSet } from '../../src/state/storage';

const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'localStorage', original);
  else delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('guarded storage', () => {
  it('survives a localStorage that throws on access, as in a sandboxed iframe', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
      },
    });
    expect(() => storageSet('k', 'v')).not.toThrow();
    expect(storageGet('k')).toBe('v'); // kept in memory for the session
    expect(storageGet('missing')).toBeNull();
  });

  it('survives a storage whose methods throw (quota, private mode)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: throwing });
    expect(() => storageSet('a', '1')).not.toThrow();
    expect(storageGet('a')).toBe('1');
  });

  it('uses real storage when it works', () => {
    const map = new Map<string, string>();
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => map.set(k, v) },
    });
    storageSet('theme', 'dark');
    expect(map.get('theme')).toBe('dark');
  });
});
