/**
 * The colour themes and the remembered choice. A leaf module: the prerender's gate script (src/app/boot/gate.ts)
 * is bundled from it too, so the gate and the app read a remembered theme by the same rule.
 */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The storage key of the theme last chosen (written by urlSync). */
export const THEME_KEY = 'gcv.theme';

/** The theme a stored value names, or undefined for none (nothing stored, or a value that is not a theme). */
export function rememberedTheme(stored: string | null): Theme | undefined {
  return THEMES.find((t) => t === stored);
}
