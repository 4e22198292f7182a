/**
 * Arrow-key stepping of a focused range input (page.keyboard), for scripts/bench-ui.mjs: a student stepping through
 * depths one rung per key press.
 */

/**
 * Focus the slider and press ArrowLeft / ArrowRight `presses` times, one press every `intervalMs` by the clock (a
 * press that could not be sent on time goes at once, as a held key's repeats would not wait either), sweeping the
 * rungs [start + span[0], start + span[1]] (clamped to the slider), first downwards. Returns
 * { presses, ms, from, to }. The page is closed after a scenario, so the slider is left where it ended.
 */
export async function pressKeys(page, slider, { span, presses, intervalMs }) {
  const steps = Number(await slider.getAttribute('max'));
  const start = Number(await slider.evaluate((el) => el.value));
  const lo = Math.max(0, start + span[0]);
  const hi = Math.min(steps, start + span[1]);
  await slider.focus();
  let pos = start;
  let dir = pos > lo ? -1 : 1;
  const t0 = Date.now();
  for (let k = 0; k < presses; k++) {
    const wait = t0 + k * intervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (pos + dir < lo || pos + dir > hi) dir = -dir;
    pos += dir;
    await page.keyboard.press(dir < 0 ? 'ArrowLeft' : 'ArrowRight');
  }
  return { presses, ms: Date.now() - t0, from: lo, to: hi };
}

