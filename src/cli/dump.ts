/**
 * `--dump-params`: the exact x, W_i, b_i, y the core used, as JSON nested arrays. Written as a stream of chunks (one
 * matrix row each) because depth 1000 × width 512 is ~260 M numbers, more than one JS string can hold.
 */
import type { Arch } from '../core/config';
import { biasOffset, weightOffset, weightRows, type ChainParams } from '../core/chain/params';
import { jsonNumber } from '../core/report';

/** Parameters shared by one or more architectures (plain and residual draw the same numbers for one seed). */
export interface ParamGroup {
  archs: Arch[];
  params: ChainParams;
}

function sameArray(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** True when two draws hold the very same x, W_i, b_i, y (same layout and the same packed numbers). */
export function sameParams(p: ChainParams, q: ChainParams): boolean {
  return p.L === q.L && p.width === q.width && p.dense === q.dense && sameArray(p.data, q.data);
}

/** Group the requested architectures by identical parameters, keeping the request order (first arch first). */
export function groupParams(archs: readonly Arch[], draw: (arch: Arch) => ChainParams): ParamGroup[] {
  const groups: ParamGroup[] = [];
  for (const arch of archs) {
    const params = draw(arch);
    const g = groups.find((x) => sameParams(x.params, params));
    if (g) g.archs.push(arch);
    else groups.push({ archs: [arch], params });
  }
  return groups;
}

function row(a: Float64Array, start: number, n: number): string {
  const parts = new Array<string>(n);
  for (let k = 0; k < n; k++) parts[k] = JSON.stringify(jsonNumber(a[start + k]));
  return '[' + parts.join(',') + ']';
}

/** The rows × cols row-major matrix starting at a[start] as `[[…],[…]]`, one chunk per row. */
function* matrix(a: Float64Array, start: number, rows: number, cols: number): Generator<string> {
  yield '[';
  for (let r = 0; r < rows; r++) yield (r ? ',' : '') + row(a, start + r * cols, cols);
  yield ']';
}

/** The body `"archs":…,"y":[…]` of one group (no braces). */
function* groupBody(g: ParamGroup): Generator<string> {
  const p = g.params;
  const fanIn = Array.from({ length: p.L }, (_, i) => weightRows(p, i));
  yield `"archs":${JSON.stringify(g.archs)},"fanIn":${JSON.stringify(fanIn)},"x":`;
  yield* matrix(p.data, 0, p.batch, p.width);
  yield ',"W":[';
  for (let i = 0; i < p.L; i++) {
    if (i) yield ',';
    yield* matrix(p.data, weightOffset(p, i), fanIn[i], p.width);
  }
  yield '],"b":[';
  for (let i = 0; i < p.L; i++) yield (i ? ',' : '') + row(p.data, biasOffset(p, i), p.width);
  yield '],"y":';
  yield* matrix(p.data, p.data.length - p.batch * p.width, p.batch, p.width);
}

/**
 * The dump file as chunks: the first group's params at the top level; other groups (architectures that drew
 * different numbers, e.g. dense) under "other", with a "note". Ends with a newline.
 */
export function* paramsDumpChunks(groups: readonly ParamGroup[]): Generator<string> {
  const [first, ...rest] = groups;
  yield '{';
  yield* groupBody(first);
  if (rest.length) {
    const others = rest.map((g) => g.archs.join('/')).join(', ');
    const note =
      `x, W, b, y at the top level are those of ${first.archs.join('/')}; ` +
      `${others} drew different parameters (dense has fan-in (i+1)·W), given under "other"`;
    yield `,"note":${JSON.stringify(note)},"other":[`;
    for (let j = 0; j < rest.length; j++) {
      yield (j ? ',' : '') + '{';
      yield* groupBody(rest[j]);
      yield '}';
    }
    yield ']';
  }
  yield '}\n';
}
