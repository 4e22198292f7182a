import { describe, expect, it } from 'vitest';
import { SCENES, sceneConfig } from '../../src/state/scenes';
import { checkSize, isScenePreset } from '../../src/state/sizeGuard';

/** A learned speed 100× too slow for every config (as a cold worker's first timing once made it). */
const pessimistic = { estimateMs: () => 60_000, confirmedWork: 0, work: () => 1e9 };

describe('story scenes and the size guard', () => {
  it('no scene preset ever opens on the "this would take about N s" question', () => {
    for (let k = 1; k <= SCENES.length; k++) expect(checkSize(sceneConfig(k), pessimistic)).toBeNull();
  });

  it('a scene tweaked to a larger size is asked about as usual', () => {
    const c = { ...sceneConfig(3), depth: 1000 };
    expect(isScenePreset(c)).toBe(false);
    expect(checkSize(c, pessimistic)?.reason).toBe('time');
  });
});
