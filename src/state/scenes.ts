/**
 * The guided story: eleven scenes, each a preset config, a short text, and a vanish / stay / explode question whose
 * answer is computed from the live report (never written into the text). Scene texts live in the `story`
 * catalogs under `story.<id>.*`.
 *
 * URL: `scene=N` with N = 1…SCENES.length (1-based, as a lecturer would say it); `scene=0` (the default) means no
 * story, and N beyond the last scene shows the last one. A link carries the scene's config keys as well, so what a
 * student tweaked inside a scene is shared too. Only when a URL names a scene and no config of its own (every
 * config key at its default) is the scene's preset applied on load — see {@link applySceneOnLoad}.
 */
import type { Arch, Config } from '../core/config';
import { configToRecord, defaultConfig } from '../core/config';
import type { ArchReport, Report } from '../core/report';
import { criticalScale } from '../core/theory/theory';
import type { UiState } from './uiSchema';

/** What happens to the gradient between the top (layer L) and layer 0. */
export type Outcome = 'vanish' | 'stay' | 'explode';
export const OUTCOMES: readonly Outcome[] = ['vanish', 'stay', 'explode'];

/**
 * Within a factor of 10 either way the gradient "stays"; beyond, it vanishes or explodes; a gradient that is no
 * longer finite (NaN, ∞) exploded. The same threshold as the flow panel's headline (panels/flow/headline.ts,
 * STABLE_FACTOR), so the story and the chart never disagree.
 */
export const STAY_FACTOR = 10;

/** The outcome of one architecture's report: r = ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖ classified by {@link STAY_FACTOR}. */
export function outcomeOf(a: ArchReport): Outcome {
  const L = a.dh.length - 1;
  const r = a.dh[0] / a.dh[L];
  if (!Number.isFinite(r)) return 'explode';
  if (r < 1 / STAY_FACTOR) return 'vanish';
  if (r > STAY_FACTOR) return 'explode';
  return 'stay';
}

/** r = ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖, the share of the top gradient that reaches layer 0. */
export function topToBottomRatio(a: ArchReport): number {
  return a.dh[0] / a.dh[a.dh.length - 1];
}

export interface Scene {
  /** stable id; text keys are `story.<id>.title|text|question|why` */
  id: string;
  /** the preset, over defaultConfig() */
  config: Partial<Config>;
  /** view state the scene sets (e.g. which quantity the flow panel plots) */
  ui?: Partial<Pick<UiState, 'q'>>;
  /** the architecture the question is about */
  ask: Arch;
  /** what the scene's text says happens to `ask`; tests check it against analyzeChain */
  claim: Outcome;
  /**
   * a one-click follow-up change for the current config (text key `story.<id>.alt`) and what it does; `when`: the
   * configs it applies to (the button is shown only there; every config without it)
   */
  alt?: { patch: (c: Config) => Partial<Config>; claim: Outcome; when?: (c: Config) => boolean };
  /** a link to another view of the app (text key `story.<id>.link`) */
  link?: 'train';
  /** the stepper is the point of this scene */
  stepper?: boolean;
}

/** α = 1/√L, rounded to 4 decimals so the URL stays readable (0.1 at L = 100). */
export function alphaInvSqrt(depth: number): number {
  return Math.round(10000 / Math.sqrt(Math.max(1, depth))) / 10000;
}

/** The story, in order (facts and order from the seed article; see /work/shared/seed). */
export const SCENES: readonly Scene[] = [
  // A 5-layer scalar chain, one number per layer; loss = Σh so the pass starts from ∂L/∂h_L = 1.
  {
    id: 'chain',
    config: { depth: 5, width: 1, batch: 1, act: 'sigmoid', init: 'xavier', arch: ['plain'], loss: 'sum' },
    ui: { q: 'g' },
    ask: 'plain',
    claim: 'vanish',
    stepper: true,
  },
  { id: 'sigmoid', config: { depth: 20, act: 'sigmoid', init: 'xavier', arch: ['plain'] }, ask: 'plain', claim: 'vanish' },
  // Weights of std 2 (xavier × 8 at width 16) and f′ = 1: about ×8 per layer, past float64 near layer 340.
  { id: 'explode', config: { depth: 400, act: 'linear', init: 'xavier', scale: 8, arch: ['plain'] }, ask: 'plain', claim: 'explode' },
  { id: 'relu', config: { depth: 20, act: 'relu', init: 'he', arch: ['plain'] }, ask: 'plain', claim: 'stay' },
  // Scene 2's chain (same seed, same shapes, so the same weights) with batch normalization. The follow-up makes it
  // 200 layers deep, where BatchNorm's own gradient explosion (Yang et al. 2019) has compounded past 10×.
  {
    id: 'batchnorm',
    config: { depth: 20, act: 'sigmoid', init: 'xavier', norm: 'batch', arch: ['plain'] },
    ask: 'plain',
    claim: 'stay',
    alt: { patch: () => ({ depth: 200 }), claim: 'explode' },
  },
  { id: 'residual', config: { depth: 20, act: 'sigmoid', init: 'xavier', arch: ['plain', 'residual'] }, ask: 'residual', claim: 'stay' },
  // tanh is odd, so no mean drift: the growth is the (1 + α²χ) compounding that α = 1/√L = 0.1 removes.
  {
    id: 'alpha',
    config: { depth: 100, act: 'tanh', init: 'xavier', arch: ['residual'], alpha: 1 },
    ask: 'residual',
    claim: 'explode',
    alt: { patch: (c) => ({ alpha: alphaInvSqrt(c.depth) }), claim: 'stay' },
  },
  // The ResNet paper's 56-layer plain net, in spirit: ReLU + He, gradients healthy at init.
  { id: 'degradation', config: { depth: 56, width: 32, act: 'relu', init: 'he', arch: ['plain'] }, ask: 'plain', claim: 'stay', link: 'train' },
  // Width and batch 8 keep the dense chain (fan-in up to 800) quick to compute; plain still loses ~3 decades.
  { id: 'dense', config: { depth: 100, width: 8, batch: 8, act: 'tanh', init: 'xavier', arch: ['plain', 'dense'] }, ask: 'dense', claim: 'stay' },
  // The phase map (issue 14): scale 0.8 is 20 % below tanh's χ = 1 (scale 1 without bias); χ ≤ 0.64 there, so
  // 50 layers lose about 0.8⁵⁰ ≈ 10⁻⁵ (4.4–6.8 decades over seeds 1–40). The alt moves onto the line, where the
  // loss is no longer exponential but still 0.2–2.1 decades at depth 50 (seeds 1–40; seed 1: past 10×, 'vanish').
  {
    id: 'edge',
    config: { depth: 50, act: 'tanh', init: 'xavier', scale: 0.8, arch: ['plain'] },
    ask: 'plain',
    claim: 'vanish',
    // GELU and SiLU at small bias have no χ = 1 scale (χ jumps past 1): no line to move onto, so no button.
    alt: {
      patch: (c) => ({ scale: Math.round(10000 * (criticalScale(c.act, c.init, c.width, c.bias) ?? NaN)) / 10000 }),
      claim: 'vanish',
      when: (c) => criticalScale(c.act, c.init, c.width, c.bias) !== null,
    },
  },
  // Dynamical isometry: on the line χ = 1, 1000 layers of 16 × 16 Gaussian weights still lose 10–21 decades
  // (seeds 1–40; E ln of a χ²_W/W factor is ψ(W/2) − ln(W/2) ≈ −1/W); orthogonal weights lose only tanh's share
  // (1.4–1.7 decades), and can never grow it (every factor has norm ≤ 1).
  {
    id: 'isometry',
    config: { depth: 1000, width: 16, batch: 4, act: 'tanh', init: 'xavier', scale: 1, arch: ['plain'] },
    ask: 'plain',
    claim: 'vanish',
    alt: { patch: () => ({ init: 'orthogonal' }), claim: 'vanish' },
  },
];

/** The scene's follow-up change where it applies to `config`, else null (no button, no key). */
export function sceneAlt(scene: Scene | null, config: Config): Scene['alt'] | null {
  const alt = scene?.alt;
  return alt && (alt.when?.(config) ?? true) ? alt : null;
}

/** A scene number from the URL (1-based; 0 = no story) clamped to the story: 0…SCENES.length. */
export function clampScene(n: number): number {
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.min(SCENES.length, Math.round(n));
}

/** The scene for a 1-based number, or null for 0 (no story). */
export function sceneAt(n: number): Scene | null {
  const k = clampScene(n);
  return k === 0 ? null : SCENES[k - 1];
}

/** The full config of scene n (1-based): the defaults overridden by the preset. */
export function sceneConfig(n: number): Config {
  const s = sceneAt(n);
  const c = defaultConfig();
  return s ? { ...c, ...s.config, arch: [...(s.config.arch ?? c.arch)] } : c;
}

/** Whether every config key is at its default (the URL set none of them, or only defaults). */
export function isDefaultConfig(c: Config): boolean {
  return Object.keys(configToRecord(c)).every((k) => k === 'v');
}

/** Whether a report was computed from this config (so a scene's answer is never read from a stale report). */
export function reportMatches(report: Report | null, config: Config): report is Report {
  if (!report) return false;
  const a = configToRecord(report.config, true);
  const b = configToRecord(config, true);
  return Object.keys(b).every((k) => a[k] === b[k]);
}
