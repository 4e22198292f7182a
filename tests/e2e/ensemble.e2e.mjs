/**
 * The band over seeds in a real browser: behind the flow line it arrives from its own worker a moment after the
 * page settles, with a legend entry and a caption that names the mean of the square; a config change drops the
 * band of the old config and a new one follows.
 */
import assert from 'node:assert/strict';
import { FLOW, open, until } from './_share.mjs';

const BAND = `${FLOW} [data-role="band"]`;
const caption = (page) => page.locator(`${FLOW} [data-role="band-caption"]`).textContent({ timeout: 1000 }).catch(() => '');

export async function bandOverSeedsArrivesBehindTheLine({ page, baseUrl, screenshot }) {
  await open(page, baseUrl, '?act=relu&init=he&depth=30&width=16&arch=plain');
  const slot = page.locator(`${FLOW} [data-role="band-slot"]`);
  const before = await slot.boundingBox();
  await page.locator(BAND).first().waitFor({ timeout: 20_000 });
  // The worker reports every 4 draws; wait for all 16.
  const text = await until(() => caption(page), (t) => t.includes('16 draws') && !t.includes('so far'), 'the band over all 16 draws');
  assert.match(text, /mean of the square/);
  assert.match(text, /seeds 1–16/);
  assert.match(text, /plain: the median at layer 0 lies (within )?[\d.]+ decades/);
  const area = await page.locator(`${BAND} path`).first().getAttribute('d');
  assert.ok(area && area.length > 20, 'the band has an area path');
  assert.match(await page.locator(`${FLOW} [data-role="band-legend"]`).textContent(), /10–90 % of 16 draws/);
  assert.equal((await slot.boundingBox()).height, before.height, 'the caption fills its reserved slot: nothing below moves');
  await screenshot('ensemble-band');

  // Another activation: the relu band disappears at once, and a tanh band follows.
  await page.getByRole('combobox', { name: 'Activation f' }).selectOption('tanh');
  await until(() => caption(page), (t) => t.includes('16 draws') && !t.includes('so far'), 'a new band after the change');
  assert.equal(await page.locator(BAND).count(), 1);
}
