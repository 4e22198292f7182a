/**
 * The fused twin of a .wat module's text, for scripts/wasm.mjs: every f64x2 multiply-add written as
 * (f64x2.add X (f64x2.mul A B)) or (f64x2.add (f64x2.mul A B) X) becomes (f64x2.relaxed_madd A B X), and
 * (f64x2.sub X (f64x2.mul A B)) becomes (f64x2.relaxed_nmadd A B X), from WebAssembly's relaxed SIMD. An engine
 * computes those with one rounding where the CPU has a fused multiply-add (x86 FMA3, ARM) and with two otherwise,
 * so the fused module's results are the plain module's to rounding, and fewer instructions on the hot loops
 * (docs/perf.md, 2026-12-07 ninth session). Functions named in `keep` are left as they are: their results must be
 * the same doubles everywhere (the orthogonal draw's projectOut, which every realm must draw alike).
 * Comments are dropped; the output is one s-expression per top-level form, for wat2wasm, not for reading.
 */

/** The s-expressions of a .wat text: nested arrays of atoms (strings). */
export function parseWat(src) {
  const text = src.replace(/;;[^\n]*/g, '').replace(/\(;[\s\S]*?;\)/g, '');
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const node = () => {
    skip();
    if (text[i] === '(') {
      i++;
      const kids = [];
      for (;;) {
        skip();
        if (i >= text.length) throw new Error('fuseWat: unbalanced parentheses');
        if (text[i] === ')') {
          i++;
          return kids;
        }
        kids.push(node());
      }
    }
    let j = i;
    if (text[i] === '"') {
      j++;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      j++;
    } else while (j < text.length && !/[\s()]/.test(text[j])) j++;
    const atom = text.slice(i, j);
    i = j;
    return atom;
  };
  const forms = [];
  skip();
  while (i < text.length) {
    forms.push(node());
    skip();
  }
  return forms;
}

const isMul = (x) => Array.isArray(x) && x.length === 3 && x[0] === 'f64x2.mul';

/** `x` with its multiply-adds fused (bottom-up); `count.n` counts them. */
function fuse(x, count) {
  if (!Array.isArray(x)) return x;
  const y = x.map((k) => fuse(k, count));
  if (y.length === 3 && y[0] === 'f64x2.add') {
    const [m, other] = isMul(y[2]) ? [y[2], y[1]] : isMul(y[1]) ? [y[1], y[2]] : [null, null];
    if (m) {
      count.n++;
      return ['f64x2.relaxed_madd', m[1], m[2], other];
    }
  }
  if (y.length === 3 && y[0] === 'f64x2.sub' && isMul(y[2])) {
    count.n++;
    return ['f64x2.relaxed_nmadd', y[2][1], y[2][2], y[1]];
  }
  return y;
}

const print = (x) => (Array.isArray(x) ? `(${x.map(print).join(' ')})` : x);

/** The fused module's text and how many multiply-adds were fused; `keep`: function names ($name) left alone. */
export function fuseWat(src, keep = []) {
  const count = { n: 0 };
  const forms = parseWat(src).map((mod) =>
    Array.isArray(mod) && mod[0] === 'module' ? mod.map((f) => (Array.isArray(f) && f[0] === 'func' && keep.includes(f[1]) ? f : fuse(f, count))) : fuse(mod, count),
  );
  return { text: forms.map(print).join('\n'), fused: count.n };
}
