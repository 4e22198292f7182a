/** Stands in for 'virtual:pwa-register' in the single-file build, which has no service worker (never called there). */
export function registerSW(): (reload?: boolean) => Promise<void> {
  return () => Promise.resolve();
}
