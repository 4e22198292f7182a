/** How many draws a band over seeds takes (ensemble.ts): no imports, so the page can read them from its first chunk. */

/** Fewest and most draws of an ensemble (the CLI's --seeds range). */
export const ENSEMBLE_MIN = 2;
export const ENSEMBLE_MAX = 64;
/** Draws of the app's band. */
export const ENSEMBLE_DEFAULT = 16;
