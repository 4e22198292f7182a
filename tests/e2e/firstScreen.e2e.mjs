/**
 * At 1280×800 the first screen shows the whole flow chart, its x axis and layer 0 included (issue 18), in both
 * themes and with one or two headlines. Screenshots: test-results/first-screen-1280x800-<theme>.png.
 */
import assert from 'node:assert/strict';
import { FLOW, open } from './_share.mjs';

export async function wholeFlowChartOnTheFirstScreen({ page, baseUrl, screenshot }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const [query, theme] of [
    ['?arch=plain,residual', 'light'],
    ['?arch=plain', 'dark'],
  ]) {
    await open(page, baseUrl, `${query}&theme=${theme}`);
    await page.waitForTimeout(300);
    const m = await page.evaluate((flow) => {
      const svg = document.querySelector(`${flow} svg`).getBoundingClientRect();
      const texts = [...document.querySelectorAll(`${flow} svg text`)];
      const zero = texts.find((t) => t.textContent === '0' && t.closest('g[transform]'));
      return { svgBottom: svg.bottom, svgHeight: svg.height, zeroBottom: zero?.getBoundingClientRect().bottom ?? Infinity, vh: innerHeight, scrollY };
    }, FLOW);
    assert.equal(m.scrollY, 0);
    assert.ok(m.svgBottom <= m.vh, `${query} ${theme}: the chart ends at ${Math.round(m.svgBottom)} px, within ${m.vh}`);
    assert.ok(m.zeroBottom <= m.vh, `${query} ${theme}: the layer-0 tick is on the first screen`);
    assert.ok(m.svgHeight >= 280, `${query} ${theme}: the chart keeps a readable height (${m.svgHeight})`);
    await screenshot(`first-screen-1280x800-${theme}`);
  }
}
