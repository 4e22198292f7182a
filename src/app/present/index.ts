/**
 * Presentation mode's parts that load on first use: the big callouts (when presenting; boot/main.tsx preloads them
 * when the URL says `present=1`) and the keyboard help dialog (when opened). The key handling itself
 * (./PresentMode.tsx, ./keys.ts) is small and always there.
 */
import { lazyPart } from '../boot/lazyPart';

export const presentCallouts = lazyPart(() => import('./PresentCallouts').then((m) => m.PresentCallouts));
export const keyboardHelp = lazyPart(() => import('./KeyboardHelp').then((m) => m.KeyboardHelp));
