// Host side of the embedding example: the visualizer's host library (./embed.js) makes the figures and drives
// them. A file, not an inline script, so a strict CSP with script-src 'self' works.
import { embed } from './embed.js';

const log = (text) => {
  document.getElementById('log').textContent = text;
};

/** embed() and the ids and data attributes this page's tests read (height reports, readiness). */
function figure(id, hostId, options) {
  const view = embed(document.getElementById(hostId), options);
  view.iframe.id = id;
  view.iframe.dataset.gcv = '';
  view.on('height', (h) => {
    view.iframe.dataset.heightReports = String(Number(view.iframe.dataset.heightReports || 0) + 1);
    view.iframe.dataset.lastHeight = String(h);
  });
  view.on('ready', () => {
    view.iframe.dataset.ready = 'true';
  });
  view.on('change', (c) => log(`${id} changed: depth ${c.depth}, ${c.act}`));
  return view;
}

const views = [
  figure('gcv-flow', 'fig-flow', {
    params: { arch: ['plain', 'residual'] },
    panels: ['flow'],
    controls: ['depth', 'act'],
    theme: 'light',
    // The page's own off-white shows through; the light theme's dark text reads on it.
    bg: 'transparent',
    // Same-origin and trusted here; embed() sandboxes by default.
    sandbox: false,
    title: 'Gradient chain visualizer: gradient flow',
  }),
  figure('gcv-chain', 'fig-chain', {
    params: { arch: 'plain', width: 1, batch: 1, depth: 12 },
    panels: ['chain'],
    controls: [],
    theme: 'dark',
    // Shows the dark box this page paints behind it (#gcv-chain in embed-example.css).
    bg: 'transparent',
    sandbox: 'allow-scripts',
    title: 'Gradient chain visualizer: the chain',
  }),
];

async function setAll(params) {
  try {
    await Promise.all(views.map((v) => v.set(params)));
    log(`set ${JSON.stringify(params)}: applied in both figures`);
  } catch (e) {
    log(e.message);
  }
}

/** Each figure back to the params it was made with (the two start at different depths). */
async function resetAll() {
  try {
    await Promise.all([views[0].set({ depth: 20, act: 'sigmoid' }), views[1].set({ depth: 12, act: 'sigmoid' })]);
    log('both figures are back as they started: 20 and 12 sigmoid layers');
  } catch (e) {
    log(e.message);
  }
}

document.getElementById('set-tanh').addEventListener('click', () => setAll({ depth: 30, act: 'tanh' }));
document.getElementById('set-reset').addEventListener('click', resetAll);
