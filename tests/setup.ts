import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { loadAllCatalogs } from '../src/state/i18n';

// The app fetches the Chinese catalogs and the story's and the lab's on demand (src/state/i18n/index.ts); tests
// render any component in either language at once, so every catalog is loaded before they start.
await loadAllCatalogs();

// Component tests opt into jsdom with a `// @vitest-environment jsdom` docblock; core tests run in plain node.
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
