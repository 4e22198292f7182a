/**
 * The module graph of src/ has no cycles, type-only imports included: each folder's dependencies point one way
 * (core ← state ← controls/panels ← app; inside the core numerics ← autograd ← chain ← train, see eslint.config.js),
 * and a cycle, even through a type, would tie two files into one unit that can only be read together.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Relative imports and re-exports of a file (static, dynamic and type-only), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.flatMap((s) => {
    const base = resolve(dirname(file), s);
    const hit = ['', '.ts', '.tsx', '/index.ts'].map((e) => base + e).find((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
    return hit ? [hit] : [];
  });
}

/** Every cycle's files (Tarjan's strongly connected components of size > 1, and self-imports). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));

  it('reads the real graph (the core index imports the chain, and a panel imports the state)', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get(join(SRC, 'core', 'index.ts'))).toContain(join(SRC, 'core', 'chain', 'analyze.ts'));
  });

  it('has no cycle, type-only imports included', () => {
    expect(cycles(graph).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a', 'd']], ['e', ['a']]]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
