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
    // Same-origin and trusted here; embed() sandboxes by default.
    sandbox: false,
    title: 'Gradient chain visualizer: gradient flow',
  }),
  figure('gcv-chain', 'fig-chain', {
    params: { arch: 'plain', width: 1, batch: 1, depth: 12 },
    panels: ['chain'],
    controls: [],
    theme: 'dark',
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

document.getElementById('set-tanh').addEventListener('click', () => setAll({ depth: 30, act: 'tanh' }));
document.getElementById('set-reset').addEventListener('click', () => setAll({ depth: 20, act: 'sigmoid' }));
