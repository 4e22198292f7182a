/**
 * A continuous drag of a range input with real pointer events (page.mouse down / move / up), for scripts/bench-ui.mjs.
 */

/** Thumb width in CSS px (`--thumb` in src/app/styles.css): the thumb's centre runs from thumb/2 to width − thumb/2. */
const THUMB_PX = 18;

/**
 * Press the thumb at its current position and sweep it back and forth for `ms`, a move every `intervalMs`, over the
 * rungs [start + span[0], start + span[1]] (clamped to the slider), first downwards. The position follows the clock
 * (a triangle wave of one rung per interval), so a slow page gets fewer, larger moves rather than a slower sweep —
 * as a real pointer would. Ends back on the starting rung, then releases. Returns { moves, ms, from, to }.
 */
export async function dragSlider(page, slider, { span, ms, intervalMs }) {
  const box = await slider.boundingBox();
  if (!box) throw new Error('slider not visible');
  const steps = Number(await slider.getAttribute('max'));
  const start = Number(await slider.evaluate((el) => el.value));
  const lo = Math.max(0, start + span[0]);
  const hi = Math.min(steps, start + span[1]);
  const xOf = (pos) => box.x + THUMB_PX / 2 + ((box.width - THUMB_PX) * pos) / steps;
  const y = box.y + box.height / 2;
  const period = Math.max(1, 2 * (hi - lo)) * intervalMs;
  // Phase of the triangle wave that starts at `start` heading down (or up, from the bottom rung).
  const frac = hi > lo ? (start - lo) / (hi - lo) : 0;
  const phase0 = 1 - frac / 2;
  const tri = (u) => 1 - Math.abs(2 * (u - Math.floor(u)) - 1);

  await page.mouse.move(xOf(start), y);
  await page.mouse.down();
  const t0 = Date.now();
  let moves = 0;
  for (let k = 1; ; k++) {
    const el = Date.now() - t0;
    if (el >= ms) break;
    const pos = Math.round(lo + (hi - lo) * tri(phase0 + el / period));
    await page.mouse.move(xOf(pos), y);
    moves++;
    const wait = t0 + k * intervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await page.mouse.move(xOf(start), y);
  await page.mouse.up();
  return { moves, ms: Date.now() - t0, from: lo, to: hi };
}
