import { describe, expect, it } from 'vitest';
import { inlineWorkers, woff2Only } from '../../scripts/lib/single-plugin';

describe('single-file build transforms', () => {
  it('turns each module worker into an inline worker import', () => {
    const src = `const a = new Worker(new URL('../worker/analyze.worker.ts', import.meta.url), { type: 'module' });\nconst b = new Worker(new URL("./train.worker.ts", import.meta.url), {type: 'module'});`;
    expect(inlineWorkers(src)).toBe(
      `import __gcvInlineWorker0 from "../worker/analyze.worker.ts?worker&inline";\nimport __gcvInlineWorker1 from "./train.worker.ts?worker&inline";\nconst a = new __gcvInlineWorker0();\nconst b = new __gcvInlineWorker1();`,
    );
    expect(inlineWorkers('new Worker(url)')).toBeNull();
  });

  it("keeps only KaTeX's woff2 fonts", () => {
    const css = '@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),url(fonts/KaTeX_AMS-Regular.woff) format("woff"),url(fonts/KaTeX_AMS-Regular.ttf) format("truetype")}';
    expect(woff2Only(css)).toBe('@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}');
  });
});
