import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig, validateConfig } from '../../src/core/config';
import type { ArchReport } from '../../src/core/report';
import { CATALOGS } from '../../src/state/i18n';
import { applySceneAlt, applySceneOnLoad, goToScene } from '../../src/state/sceneActions';
import {
  clampScene,
  isDefaultConfig,
  outcomeOf,
  sceneAt,
  sceneConfig,
  SCENES,
} from '../../src/state/scenes';
import { createAppStore } from '../../src/state/store';
import { defaultUi, SCENE_COUNT } from '../../src/state/uiSchema';

const numbers = SCENES.map((_, k) => k + 1);
const fake = (dh0: number, dhL: number) => ({ dh: Float64Array.of(dh0, 1, dhL) }) as unknown as ArchReport;

describe('outcome of a report', () => {
  it('is vanish below 1/10 of the top, explode above 10×, stay in between, explode when not finite', () => {
    expect(outcomeOf(fake(0.05, 1))).toBe('vanish');
    expect(outcomeOf(fake(0, 1))).toBe('vanish');
    expect(outcomeOf(fake(0.2, 1))).toBe('stay');
    expect(outcomeOf(fake(9, 1))).toBe('stay');
    expect(outcomeOf(fake(11, 1))).toBe('explode');
    expect(outcomeOf(fake(NaN, NaN))).toBe('explode');
    expect(outcomeOf(fake(Infinity, 1))).toBe('explode');
  });
});

describe('the eleven scenes', () => {
  it('tell the story in the order of the article', () => {
    expect(SCENES.map((s) => s.id)).toEqual(['chain', 'sigmoid', 'explode', 'relu', 'batchnorm', 'residual', 'alpha', 'degradation', 'dense', 'edge', 'isometry']);
  });

  it.each(numbers)('scene %i has a valid config', (n) => {
    expect(() => validateConfig(sceneConfig(n))).not.toThrow();
    expect(sceneConfig(n).arch).toContain(sceneAt(n)!.ask);
  });

  it.each(numbers)('scene %i: what its text claims is what analyzeChain computes', (n) => {
    const s = sceneAt(n)!;
    const r = analyzeChain(sceneConfig(n));
    expect(outcomeOf(r.archs[s.ask]!)).toBe(s.claim);
    if (s.alt) {
      const c = sceneConfig(n);
      const r2 = analyzeChain({ ...c, ...s.alt.patch(c) });
      expect(outcomeOf(r2.archs[s.ask]!)).toBe(s.alt.claim);
    }
  });

  it('scene 1 is the 5-layer scalar sigmoid chain that starts from ∂L/∂h_L = 1', () => {
    const a = analyzeChain(sceneConfig(1)).archs.plain!;
    expect(a.scalar).not.toBeNull();
    expect(a.scalar!.dh[5]).toBe(1);
  });

  it('scene 3 really overflows: the report names a first non-finite layer and every gradient is NaN', () => {
    const a = analyzeChain(sceneConfig(3)).archs.plain!;
    expect(a.nonFinite).not.toBeNull();
    expect(a.nonFinite!.layer).toBeGreaterThan(100);
    expect(a.dh[0]).toBeNaN();
  });

  it('scene 6: on the same weights, plain loses more than 10 decades while residual stays within 10×', () => {
    const r = analyzeChain(sceneConfig(6));
    const ratio = (a: ArchReport) => a.dh[0] / a.dh[a.dh.length - 1];
    expect(ratio(r.archs.plain!)).toBeLessThan(1e-10);
    expect(Math.abs(Math.log10(ratio(r.archs.residual!)))).toBeLessThan(1);
  });

  it('scene 7: α = 1/√L (0.1 at L = 100) is what the follow-up sets, and it takes the explosion away', () => {
    const c = sceneConfig(7);
    expect(c.depth).toBe(100);
    expect(SCENES[6].alt!.patch(c)).toEqual({ alpha: 0.1 });
    expect(SCENES[6].alt!.patch({ ...c, depth: 400 })).toEqual({ alpha: 0.05 });
    const before = analyzeChain(c).archs.residual!;
    const after = analyzeChain({ ...c, alpha: 0.1 }).archs.residual!;
    expect(before.dh[0] / before.dh[100]).toBeGreaterThan(10);
    expect(after.dh[0] / after.dh[100]).toBeLessThan(10);
  });

  it('scene 5 is scene 2 plus BatchNorm: same seed and shapes, so the same weights', () => {
    const [a, b] = [sceneConfig(2), sceneConfig(5)];
    expect({ ...b, norm: 'none' }).toEqual(a);
  });

  it('every scene has its title, text, question and why in both languages (and its alt or link text)', () => {
    for (const s of SCENES) {
      const keys = ['title', 'text', 'question', 'why', ...(s.alt ? ['alt'] : []), ...(s.link ? ['link'] : [])];
      for (const k of keys) for (const lang of ['en', 'zh'] as const) expect(CATALOGS[lang][`story.${s.id}.${k}`], `${lang} story.${s.id}.${k}`).toBeTruthy();
    }
  });
});

describe('scene numbers and navigation', () => {
  it('are 1-based in the URL; 0 means no story and numbers past the end show the last scene', () => {
    expect(clampScene(0)).toBe(0);
    expect(clampScene(-3)).toBe(0);
    expect(clampScene(NaN)).toBe(0);
    expect(clampScene(4)).toBe(4);
    expect(clampScene(99)).toBe(SCENES.length);
    // The URL and the host protocol clamp scene= to the story's real length (README: scenes 0–9).
    expect(SCENE_COUNT).toBe(SCENES.length);
    expect(sceneAt(0)).toBeNull();
    expect(sceneAt(1)!.id).toBe('chain');
  });

  it('going to a scene applies its preset and view, and leaving keeps the config', () => {
    const store = createAppStore();
    goToScene(store, 6);
    expect(store.getState().config).toEqual(sceneConfig(6));
    expect(store.getState().ui.scene).toBe(6);
    goToScene(store, 1);
    expect(store.getState().ui.q).toBe('g');
    goToScene(store, 0);
    expect(store.getState().ui.scene).toBe(0);
    expect(store.getState().config).toEqual(sceneConfig(1));
  });

  it('a follow-up change applies to the current scene only', () => {
    const store = createAppStore();
    goToScene(store, 7);
    applySceneAlt(store);
    expect(store.getState().config.alpha).toBe(0.1);
    goToScene(store, 2);
    const before = store.getState().config;
    applySceneAlt(store);
    expect(store.getState().config).toBe(before);
  });

  it('on load, ?scene=N alone gets the preset; a link with its own config keeps it', () => {
    const bare = createAppStore({ ui: { ...defaultUi(), scene: 3 } });
    expect(isDefaultConfig(bare.getState().config)).toBe(true);
    applySceneOnLoad(bare);
    expect(bare.getState().config).toEqual(sceneConfig(3));

    const tweaked = { ...sceneConfig(3), depth: 300 };
    const shared = createAppStore({ config: tweaked, ui: { ...defaultUi(), scene: 3 } });
    applySceneOnLoad(shared);
    expect(shared.getState().config).toEqual(tweaked);

    const far = createAppStore({ config: { ...defaultConfig(), depth: 7 }, ui: { ...defaultUi(), scene: 50 } });
    applySceneOnLoad(far);
    expect(far.getState().ui.scene).toBe(SCENES.length);
    expect(far.getState().config.depth).toBe(7);
  });
});
