// Host side of the gradient chain visualizer's embed protocol (kept out of the HTML so a strict CSP with
// script-src 'self' and no inline scripts works). Frames report their height; the buttons set state.
'use strict';

(function () {
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-gcv]'));
  }

  function log(text) {
    var el = document.getElementById('log');
    if (el) el.textContent = text;
  }

  // Height reports: accept them only from our own frames (event.source), and only sane numbers.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.type !== 'string') return;
    var frame = frames().filter(function (f) {
      return f.contentWindow === event.source;
    })[0];
    if (!frame) return;
    if (data.type === 'gcv:height' && data.height > 0 && data.height < 20000) {
      frame.style.height = Math.ceil(data.height) + 'px';
      frame.dataset.heightReports = String(Number(frame.dataset.heightReports || 0) + 1);
      frame.dataset.lastHeight = String(Math.ceil(data.height));
    } else if (data.type === 'gcv:ready') {
      frame.dataset.ready = 'true';
    }
  });

  // '*' as the target origin because the sandboxed frame has an opaque origin; the frames check event.source.
  function send(params) {
    frames().forEach(function (f) {
      if (f.contentWindow) f.contentWindow.postMessage({ type: 'gcv:set', params: params }, '*');
    });
    log('sent gcv:set ' + JSON.stringify(params));
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('set-tanh').addEventListener('click', function () {
      send({ depth: 30, act: 'tanh' });
    });
    document.getElementById('set-reset').addEventListener('click', function () {
      send({ depth: 20, act: 'sigmoid' });
    });
  });
})();
