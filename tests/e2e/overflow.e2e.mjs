/**
 * Overflow and NaN on the flow chart (issue 18): for act=relu&init=he&scale=3 at depth 350, 500 and 1000 the chart
 * draws every finite value, marks where each line stops at its place on the axis, and the headline names the same
 * layer; callouts stay inside the chart and do not overlap each other. Screenshots: test-results/overflow-<depth>.png.
 */
import assert from 'node:assert/strict';
import { FLOW } from './_share.mjs';

export async function headlineAgreesWithTheChart({ page, baseUrl, screenshot }) {
  for (const depth of [350, 500, 1000]) {
    // At depth 1000 no line has a point to draw, so wait for the marks rather than a line.
    await page.goto(`${baseUrl}?act=relu&init=he&scale=3&depth=${depth}&arch=plain,residual`);
    await page.locator(`${FLOW} [data-role="nonfinite"]`).nth(1).waitFor({ timeout: 30_000 });
    const m = await page.evaluate((flow) => {
      const panel = document.querySelector(flow);
      const svg = panel.querySelector('svg');
      const s = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('[data-role="nonfinite"]')].map((g) => {
        const t = g.querySelector('text').getBoundingClientRect();
        return { layer: Number(g.dataset.layer), kind: g.dataset.kind, x: g.querySelector('line').getAttribute('x1'), text: { l: t.left, r: t.right, t: t.top, b: t.bottom }, inside: t.left >= s.left - 0.5 && t.right <= s.right + 0.5 };
      });
      const lines = [...svg.querySelectorAll('path[data-role="line"]')].map((p) => (p.getAttribute('d') || '').length);
      return { headline: panel.querySelector('[data-role="headline"]').textContent, marks, lines };
    }, FLOW);
    assert.equal(m.marks.length, 2, `depth ${depth}: one mark per broken line`);
    for (const mk of m.marks) {
      assert.ok(m.headline.includes(`at layer ${mk.layer}`), `depth ${depth}: the headline names layer ${mk.layer} as the chart does:\n${m.headline}`);
      assert.ok(mk.inside, `depth ${depth}: the layer-${mk.layer} callout stays inside the chart`);
    }
    const [a, b] = m.marks.map((x) => x.text);
    assert.ok(a.b <= b.t + 0.5 || b.b <= a.t + 0.5 || a.r <= b.l || b.r <= a.l, `depth ${depth}: the callouts do not overlap`);
    if (depth < 1000) {
      // The gradient is finite from the top down to the mark: the lines are drawn, and the marks say ∞ (overflow).
      assert.ok(m.lines.every((n) => n > 100), `depth ${depth}: both lines drawn`);
      assert.deepEqual(m.marks.map((x) => x.kind), ['inf', 'inf']);
      assert.doesNotMatch(m.headline, new RegExp(`layer ${depth}\\b`), 'the headline does not blame the top layer (the loss) while the chart shows finite values there');
    } else {
      assert.deepEqual(m.marks.map((x) => x.kind), ['forward', 'forward'], 'no finite gradient: the forward overflow is marked');
      assert.match(m.headline, /no layer has a finite gradient/);
    }
    await screenshot(`overflow-${depth}`);
  }
}
