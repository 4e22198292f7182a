/**
 * The backprop stepper and the guided story in a real browser. Expected numbers come from the core itself, run
 * here in Node on the same config (loaded through tsx), never from constants in this file: each g_i the stepper
 * shows must be the report's scalar.g[i], formatted the way the app formats it. Every scene is walked in English
 * and in Chinese, with PageDown, and saved as test-results/story-<lang>-<n>.png.
 * Run through scripts/e2e.mjs, which fails a test on any console or page error.
 */
import assert from 'node:assert/strict';
import { tsImport } from 'tsx/esm/api';
import { until } from './_share.mjs';

const core = await tsImport('../../src/core/index.ts', import.meta.url);
const { formatNumber } = await tsImport('../../src/viz/format.ts', import.meta.url);
const { SCENES, sceneConfig, outcomeOf } = await tsImport('../../src/state/scenes.ts', import.meta.url);
const { texNumber } = await tsImport('../../src/panels/stepper/tex.ts', import.meta.url);

const STEPPER = '[data-panel="stepper"]';
const BAR = 'section.story-bar';

const close = (a, b) => a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

/** The report the app should show for a query, computed by the core in Node. */
function reportFor(query) {
  const { config } = core.decodeConfig(core.queryToRecord(query), 'strict');
  return core.analyzeChain(config);
}

async function stepValue(page, q) {
  const dd = page.locator(`${STEPPER} [data-role="step-value"][data-q="${q}"]`);
  return { i: Number(await dd.getAttribute('data-i')), value: Number(await dd.getAttribute('data-value')), text: (await dd.innerText()).trim() };
}

/**
 * Wait until the charts are drawn. On a loaded machine the page may first ask before a computation it predicts
 * to take over 3 s ("Compute anyway"); the story's presets are small, so say yes.
 */
async function settle(page) {
  const go = page.getByRole('button', { name: /Compute anyway|仍然计算/ });
  const flow = page.locator('[data-panel="flow"] svg').first();
  await until(async () => (await go.count()) > 0 || (await flow.count()) > 0, (ok) => ok, 'the charts or the size guard', 30_000);
  if ((await go.count()) > 0) await go.first().click();
  await flow.waitFor({ timeout: 30_000 });
}

const pos = (page) => page.locator(`${STEPPER} figure`).getAttribute('data-pos').then(Number);

export async function stepperShowsTheCoresNumbersOnA5LayerSigmoidChain({ page, baseUrl, screenshot }) {
  const query = 'depth=5&width=1&batch=1&act=sigmoid&init=xavier&arch=plain&loss=sum&seed=1';
  const s = reportFor(query).archs.plain.scalar;
  const L = 5;
  await page.goto(`${baseUrl}?${query}`);
  await page.locator(`${STEPPER} figure`).waitFor({ timeout: 20_000 });
  assert.equal(await pos(page), 0);
  // At the loss the pass starts from ∂L/∂h_L = 1 (loss = Σh).
  assert.equal(s.dh[L], 1);

  const next = page.locator(STEPPER).getByRole('button', { name: 'Next step' });
  for (let k = 1; k <= L; k++) {
    await next.click();
    const i = L - k;
    await until(() => pos(page), (p) => p === k, `step ${k}`);
    const g = await stepValue(page, 'g');
    assert.equal(g.i, i, `step ${k} caches layer ${i}`);
    assert.ok(close(g.value, s.g[i]), `g_${i}: shown ${g.value}, core ${s.g[i]}`);
    assert.equal(g.text, formatNumber(s.g[i], 'en', 4), `g_${i} as text`);
    const fp = await stepValue(page, 'fprime');
    assert.ok(close(fp.value, s.fprime[i]), `f′(z_${i})`);
    const factor = await stepValue(page, 'factor');
    const expectFactor = i === L - 1 ? s.fprime[i] : s.w[i + 1] * s.fprime[i];
    assert.ok(close(factor.value, expectFactor), `local factor at layer ${i}`);
    if (i < L - 1) assert.ok(close((await stepValue(page, 'gNext')).value, s.g[i + 1]), `cached g_${i + 1}`);
    const dW = await stepValue(page, 'dW');
    assert.ok(close(dW.value, s.g[i] * s.h[i]), `∂L/∂w_${i} = g_${i}·h_${i}`);
    // The typeset formula carries the same number (KaTeX keeps its TeX source in a MathML annotation).
    const tex = page.locator(`${STEPPER} .stepper-formula annotation`).first();
    await until(() => tex.count(), (n) => n > 0, 'KaTeX to typeset the step');
    assert.ok((await tex.textContent()).endsWith(`= ${texNumber(s.g[i], 'en')}`), `the formula ends with g_${i} = ${texNumber(s.g[i], 'en')}`);
    // The running total is log10 |g_i / ∂L/∂h_L|.
    const total = Number(await page.locator(`${STEPPER} [data-role="total"]`).getAttribute('data-log10'));
    assert.ok(Math.abs(total - Math.log10(Math.abs(s.g[i] / s.dh[L]))) < 1e-9, `running total at layer ${i}`);
    // The chain panel highlights the same edge, h_i ← h_{i+1}.
    const edge = page.locator('[data-panel="chain"] [data-role="edge"][data-highlighted]');
    await until(() => edge.getAttribute('data-to'), (v) => v === String(i), `chain edge ${i} highlighted`);
    assert.equal(await edge.getAttribute('data-from'), String(i + 1));
  }
  assert.equal(await next.getAttribute('aria-disabled'), 'true', 'no step beyond the input');
  await next.dispatchEvent('click');
  assert.equal(await pos(page), L, 'a click past the input does nothing');
  await screenshot('stepper-5-layer-sigmoid', { fullPage: true });

  // Keys: ← and → step while the stepper has focus, Home/End jump.
  await next.focus();
  await page.keyboard.press('ArrowLeft');
  await until(() => pos(page), (p) => p === 4, '← goes back a step');
  await page.keyboard.press('ArrowRight');
  await until(() => pos(page), (p) => p === 5, '→ steps again');
  await page.keyboard.press('Home');
  await until(() => pos(page), (p) => p === 0, 'Home returns to the loss');

  // A slider keeps its arrows: the stepper does not move.
  await page.keyboard.press('End');
  await until(() => pos(page), (p) => p === 5, 'End jumps to the input');
  const slider = page.getByRole('slider', { name: 'Bias std' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await pos(page), 5, 'arrows on a slider are not taken by the stepper');
}

export async function stepperPlaysAndRespectsReducedMotion({ page, baseUrl }) {
  await page.goto(`${baseUrl}?depth=6&width=1&batch=1&arch=plain,residual&loss=sum`);
  await page.locator(`${STEPPER} figure`).waitFor({ timeout: 20_000 });
  await page.locator(STEPPER).getByRole('combobox', { name: /Speed/ }).selectOption('4');
  await page.locator(STEPPER).getByRole('button', { name: 'Play' }).click();
  await until(() => pos(page), (p) => p === 6, 'playback to reach the input', 6_000);
  await until(() => page.locator(STEPPER).getByRole('button', { name: 'Play' }).count(), (n) => n === 1, 'playback to stop by itself');
  // The residual chain: factor 1 + α·w_i·f′(z_i) against the core.
  await page.locator(STEPPER).getByRole('radio', { name: 'residual' }).click();
  const s = reportFor('depth=6&width=1&batch=1&arch=plain,residual&loss=sum').archs.residual.scalar;
  const f = await stepValue(page, 'factor');
  assert.equal(f.i, 0);
  assert.ok(close(f.value, 1 + s.w[0] * s.fprime[0]), 'residual factor 1 + α·w·f′');
  assert.ok(close((await stepValue(page, 'dh')).value, s.dh[0]), '∂L/∂h_0');

  const animation = () => page.locator(`${STEPPER} .stepper-card`).evaluate((el) => getComputedStyle(el).animationName);
  assert.equal(await animation(), 'stepper-in');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await animation(), 'none', 'no step animation under prefers-reduced-motion');
  await page.locator(STEPPER).getByRole('button', { name: 'Reset' }).click();
  await page.locator(STEPPER).getByRole('button', { name: 'Play' }).click();
  await until(() => pos(page), (p) => p >= 2, 'playback still steps under reduced motion', 6_000);
  await page.emulateMedia({ reducedMotion: null });
}

/** Walk all scenes with PageDown in one language; answer each question with the truth the core computes. */
async function walkScenes(page, baseUrl, screenshot, lang) {
  await page.goto(`${baseUrl}?scene=1&lang=${lang}`);
  for (let k = 1; k <= SCENES.length; k++) {
    const scene = SCENES[k - 1];
    const bar = page.locator(BAR);
    await until(() => bar.getAttribute('data-scene'), (v) => v === String(k), `scene ${k}`);
    await until(() => page.url(), (u) => u.includes(`scene=${k}`), `the URL of scene ${k}`);
    assert.equal(await bar.getAttribute('data-concealed'), 'true', `scene ${k} hides the charts before the answer`);
    await settle(page);
    let truth = outcomeOf(core.analyzeChain(sceneConfig(k)).archs[scene.ask]);
    assert.equal(truth, scene.claim, `scene ${k}: the core agrees with the scene's claim`);
    await bar.locator(`[data-outcome="${truth}"]`).click();
    const shown = bar.locator('[data-role="truth"]');
    await until(() => shown.getAttribute('data-truth'), (v) => v === truth, `scene ${k} reveals "${truth}"`);
    assert.equal(await shown.getAttribute('data-correct'), 'true');
    assert.equal(await bar.getAttribute('data-concealed'), null, 'answered: the charts are back');
    assert.ok((await bar.locator('[data-role="why"]').innerText()).length > 80, `scene ${k} explains why`);
    if (scene.id === 'explode') {
      const callout = bar.locator('[data-role="nan-callout"]');
      assert.equal(await callout.getAttribute('role'), 'note');
      const nf = core.analyzeChain(sceneConfig(k)).archs.plain.nonFinite;
      assert.equal(await callout.locator('[data-arch="plain"]').getAttribute('data-layer'), String(nf.layer), 'the callout names the core’s first non-finite layer');
    }
    if (scene.alt) {
      await bar.locator('[data-role="scene-alt"]').click();
      const c = sceneConfig(k);
      truth = outcomeOf(core.analyzeChain({ ...c, ...scene.alt.patch(c) }).archs[scene.ask]);
      assert.equal(truth, scene.alt.claim);
      await settle(page);
      await until(() => shown.getAttribute('data-truth'), (v) => v === truth, `scene ${k} after its follow-up`);
      assert.equal(await shown.getAttribute('data-correct'), null, 'the earlier answer is not judged against the changed chain');
    }
    if (scene.stepper) {
      // The scene's button brings the stepper up with the focus on "next step"; → then takes the first step.
      await bar.locator('[data-role="to-stepper"]').click();
      await page.keyboard.press('ArrowRight');
      await until(() => pos(page), (p) => p === 1, 'the first step from the story');
      const s = core.analyzeChain(sceneConfig(k)).archs.plain.scalar;
      assert.ok(close((await stepValue(page, 'g')).value, s.g[s.g.length - 1]), 'the stepper shows the scene’s own chain');
      await page.locator(BAR).scrollIntoViewIfNeeded();
    }
    if (scene.link === 'train') assert.equal(await bar.locator('a.story-link').getAttribute('href'), `?view=train&lang=${lang}`);
    await settle(page);
    await page.waitForTimeout(250);
    await screenshot(`story-${lang}-${k}`);
    // PageDown with focus on the page (as a presentation clicker sends it).
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    if (k < SCENES.length) await page.keyboard.press('PageDown');
  }
  await page.keyboard.press('PageUp');
  await until(() => page.locator(BAR).getAttribute('data-scene'), (v) => v === String(SCENES.length - 1), 'PageUp goes back a scene');
}

export async function everySceneInEnglish({ page, baseUrl, screenshot }) {
  await walkScenes(page, baseUrl, screenshot, 'en');
  assert.equal(await page.locator('h1').first().innerText(), 'Gradient chain visualizer');
}

export async function everySceneInChinese({ page, baseUrl, screenshot }) {
  await walkScenes(page, baseUrl, screenshot, 'zh');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator(BAR).innerText(), new RegExp(`第 ${SCENES.length - 1} 幕`), 'PageUp from the last scene: the one before it');
}

export async function sceneLinkAloneOpensItsPreset({ page, baseUrl }) {
  await page.goto(`${baseUrl}?scene=3`);
  const depth = page.getByRole('spinbutton', { name: 'Depth L, exact value' });
  await until(() => depth.inputValue(), (v) => v === '400', 'scene 3’s depth');
  await until(() => page.url(), (u) => u.includes('depth=400') && u.includes('act=linear') && u.includes('scene=3'), 'the URL to carry the preset');
  // A shared link with its own config keeps it.
  await page.goto(`${baseUrl}?scene=3&depth=50&act=linear&scale=8`);
  await page.locator(BAR).waitFor();
  assert.equal(await depth.inputValue(), '50');
  // Leaving the story keeps the config and shows the start button.
  await page.locator(BAR).getByRole('button', { name: 'Leave the story' }).click();
  await page.getByRole('button', { name: /guided story/ }).waitFor();
  assert.equal(await depth.inputValue(), '50');
}

export async function browserLanguagePicksChineseWithoutLangInTheUrl({ page, baseUrl }) {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] });
    Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });
  });
  await page.goto(baseUrl);
  await until(() => page.locator('h1').first().innerText(), (t) => t === '梯度链可视化', 'the Chinese title');
  await page.locator(`${STEPPER} figure`).waitFor({ timeout: 20_000 });
  assert.match(await page.locator(STEPPER).innerText(), /逐层走一遍反向传播/);
  // The stepper's numbers in the Chinese UI are formatted like the English ones.
  await page.locator(STEPPER).getByRole('button', { name: '下一步' }).click();
  const g = await stepValue(page, 'dh');
  assert.equal(g.text, formatNumber(g.value, 'zh', 4));
}
