// @vitest-environment jsdom
/**
 * The heatmap caption states the colour scale the code uses: one log₁₀ scale over every heatmap of the run (not one
 * per panel), from the run's smallest to its largest binned value. A chain whose gradients are all small is dark all
 * over next to a chain with large ones, which is what the caption says.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunTrace } from '../../../src/core/train/loop';
import { GradHeatmaps } from '../../../src/panels/train/GradHeatmap';
import { heatExtent, heatGrid, heatRgb } from '../../../src/panels/train/layout';
import { ensureArea, ensureLang, translate, type Lang } from '../../../src/state/i18n';

beforeAll(async () => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
  await ensureLang('zh');
  await ensureArea('trainLab');
});
afterEach(cleanup);

const STEPS = 4;
function run(arch: RunTrace['arch'], depth: number, role: RunTrace['role'], value: number): RunTrace {
  return { arch, depth, role, loss: new Float64Array(STEPS).fill(1), dW: new Float64Array(STEPS * depth).fill(value), divergedAt: null, initCos: 0.5 };
}

describe.each<Lang>(['en', 'zh'])('heatmap caption (%s)', (lang) => {
  const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
  // A "residual" chain with uniformly small gradients next to a plain one with large ones.
  const runs = [run('plain', 3, 'deep', 10), run('residual', 2, 'deep', 1e-3)];

  it('names the shared scale: the smallest and largest value over all heatmaps of the run', () => {
    const { container } = render(<GradHeatmaps runs={runs} done={STEPS} total={STEPS} version={1} lang={lang} t={t} />);
    const note = container.querySelector('[data-role="heat-note"]')!;
    // Independently of the code: log10 of 1e-3 and of 10, the extremes over both runs together.
    expect(Number(note.getAttribute('data-lo'))).toBeCloseTo(-3, 12);
    expect(Number(note.getAttribute('data-hi'))).toBeCloseTo(1, 12);
    const text = note.textContent ?? '';
    expect(text).toContain('10^-3.0');
    expect(text).toContain('10^1.0');
    expect(text).toContain(lang === 'en' ? 'one scale shared by all 2 heatmaps of this run' : '全部 2 张热图共用同一个色标');
    expect(text).not.toMatch(/barely learn|几乎学不到/);
    // The legend under the heatmaps shows the same two ends.
    const legend = container.querySelector('.train-heat-legend')!.textContent ?? '';
    expect(legend).toContain('-3.0');
    expect(legend).toContain('1.0');
  });

  it('the colours follow that shared scale: the uniformly small chain is at the dark end, the large one at the bright end', () => {
    const grids = runs.map((r) => heatGrid(r, STEPS, STEPS, 10));
    const extent = heatExtent(grids);
    const dark = heatRgb(grids[1].values[0], extent)!;
    const bright = heatRgb(grids[0].values[0], extent)!;
    // viridis: #440154 at 0, #fde725 at 1. A per-panel scale would paint both uniform chains the same colour.
    expect(dark).toEqual([0x44, 0x01, 0x54]);
    expect(bright).toEqual([0xfd, 0xe7, 0x25]);
  });
});
