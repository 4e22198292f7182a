/** Helpers shared by the browser tests (not a test module itself: the harness only collects *.e2e.mjs files). */
import { AxeBuilder } from '@axe-core/playwright';

export const FLOW = '[data-panel="flow"]';
export const LINE = `${FLOW} path[data-role="line"]`;

/** Open the app at a query (relative to baseUrl) and wait until the flow panel has drawn a line. */
export async function open(page, baseUrl, query = '') {
  await page.goto(baseUrl + query);
  await page.locator(LINE).first().waitFor({ timeout: 20_000 });
  // The panels below the hero mount right after its first paint (src/app/boot/secondPass.ts).
  await page.locator('.app[data-settled="true"]').waitFor({ timeout: 20_000 });
}

/** Poll `read` until `ok(value)` holds; return the value or throw with the last one seen. */
export async function until(read, ok, what, ms = 15_000) {
  const end = Date.now() + ms;
  let v;
  while (Date.now() < end) {
    v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
}

/** axe violations on the page (or the part `include` selects), formatted one per line; [] when clean. */
export async function axeViolations(page, label, include) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `[${label}] ${v.id} (${v.impact}): ${v.help}\n          ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n          ')}`);
}

/** The query of a URL as a plain object. */
export function queryOf(url) {
  return Object.fromEntries(new URL(url).searchParams);
}
