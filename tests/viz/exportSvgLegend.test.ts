// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgForExport } from '../../src/viz/exportSvg';

function chart(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', '600');
  svg.setAttribute('height', '300');
  document.body.append(svg);
  return svg;
}

describe('exported figures key the theory lines', () => {
  it('a legend item with a dash is drawn as a dashed line, the others as solid swatches', () => {
    const { text } = svgForExport(chart(), {
      legend: [
        { label: 'plain', color: 'rgb(213, 94, 0)' },
        { label: 'theory, plain', color: 'rgb(68, 68, 68)', dash: '7 5' },
      ],
      title: 'Gradient flow',
      caption: 'depth 20',
      url: 'http://x/?depth=20',
      background: '#fff',
      fg: '#000',
      muted: '#555',
      fontFamily: 'sans-serif',
    });
    expect(text).toContain('theory, plain');
    expect(text).toMatch(/<line[^>]*stroke-dasharray="7 5"/);
    expect(text).toMatch(/<rect[^>]*fill="rgb\(213, 94, 0\)"/);
  });
});
