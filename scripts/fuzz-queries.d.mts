/** Types of scripts/fuzz-queries.mjs (the shared, seeded generator of fuzz query strings). */
export function mulberry32(seed: number): () => number;
export const CONFIG_RANGES: Record<string, [number, number] | null>;
export const UI_KEYS: string[];
export const INJECTIONS: string[];
export function fuzzQuery(rng: () => number): string;
export function fuzzQueries(n: number, seed?: number): string[];
export function isHeavyDraw(query: string): boolean;
export function fuzzPlan(sample: number, fullSeed?: number): { n: number; seed: number };
