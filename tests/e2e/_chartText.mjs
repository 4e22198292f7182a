/**
 * Text of a panel's charts, measured in the page (not a test module: the harness only collects *.e2e.mjs files).
 * `chartTextProblems` lists every text of the panel's <svg>s that leaves its svg's box, and every two texts of one
 * svg whose boxes overlap by more than `slack` px both ways: a tick label cut at the edge, or an axis title drawn
 * over the tick labels, shows up here as a sentence saying which texts and by how much.
 */

/** Scroll a panel into view (panels below the fold skip rendering until then) and give it a frame to draw. */
export async function showPanel(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Problems of the chart text inside `selector` (a panel), as sentences; [] when every text is inside and apart. */
export function chartTextProblems(page, selector, slack = 1) {
  return page.evaluate(
    ([sel, slack]) => {
      const out = [];
      const shown = (e) => {
        const r = e.getBoundingClientRect();
        const cs = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
      };
      const root = document.querySelector(sel);
      if (!root) return [`${sel}: not on the page`];
      for (const svg of root.querySelectorAll('svg')) {
        if (!shown(svg)) continue;
        const s = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && shown(t));
        const boxes = texts.map((t) => t.getBoundingClientRect());
        texts.forEach((t, i) => {
          const r = boxes[i];
          const by = { left: s.left - r.left, right: r.right - s.right, top: s.top - r.top, bottom: r.bottom - s.bottom };
          const cut = Object.entries(by).filter(([, d]) => d > 1);
          if (cut.length) out.push(`"${t.textContent}" leaves its chart (${cut.map(([k, d]) => `${k} by ${Math.round(d)} px`).join(', ')})`);
          for (let j = i + 1; j < texts.length; j++) {
            const q = boxes[j];
            const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
            const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
            if (w > slack && h > slack) out.push(`"${t.textContent}" and "${texts[j].textContent}" overlap (${Math.round(w)}×${Math.round(h)} px)`);
          }
        });
      }
      return out;
    },
    [selector, slack],
  );
}
