/**
 * The comparison run of the lab: every requested architecture at the shallow and the deep depth, trained from one
 * seed on one seeded task with one optimizer, step by step in lockstep (all models see the same minibatches in the
 * same order). The session advances in chunks, so a worker can stream progress and stop between chunks, and the
 * CLI and tests can run it to the end synchronously. Deterministic: same config, same numbers.
 */
import { BatchSampler, gatherRows, makeDataset, type Dataset } from './data';
import { validateTrainConfig, type TrainArch, type TrainConfig } from './config';
import { TrainModel } from './model';
import { Optimizer } from './optim';

/** The two depths of the comparison. */
export type DepthRole = 'shallow' | 'deep';

/** The record of one model's training. Arrays have room for every step; entries past `steps done` are 0. */
export interface RunTrace {
  arch: TrainArch;
  depth: number;
  role: DepthRole;
  /** the minibatch loss L at each step (before that step's update) */
  loss: Float64Array;
  /** ‖∂L/∂W_i‖ at each step, step-major: dW[t·depth + i] */
  dW: Float64Array;
  /** the first step whose loss was not finite (the model stops updating there), or null */
  divergedAt: number | null;
  /**
   * Before training, on the first `tbatch` training examples: the mean pairwise cosine of the rows of h_L
   * ({@link TrainModel.topCosine}); near 1 the chain has collapsed its inputs to one direction.
   */
  initCos: number;
}

/** Steps averaged for a final loss: the last 10 %, at least one. */
export function tailLength(steps: number): number {
  return Math.max(1, Math.round(steps / 10));
}

/** The final loss: the mean of the losses of the last 10 % of the first `done` steps; NaN if one is not finite. */
export function finalLoss(loss: Float64Array, done: number = loss.length): number {
  const k = Math.min(done, tailLength(done));
  if (k === 0) return NaN;
  let s = 0;
  for (let t = done - k; t < done; t++) s += loss[t];
  return s / k;
}

/** How one architecture's deep model compares with its shallow one. */
export interface DepthVerdict {
  arch: TrainArch;
  /** final losses (NaN for a run that diverged) */
  shallow: number;
  deep: number;
  /** the step where each run's loss stopped being finite, or null */
  shallowDivergedAt: number | null;
  deepDivergedAt: number | null;
  /**
   * final(deep) > final(shallow): the deeper model trained worse (degradation). A run that diverged ends worse than
   * one that did not; when both diverged there is nothing to compare: null.
   */
  deeperIsWorse: boolean | null;
  /** the verdict in words, e.g. "deeper trained worse", "both diverged (shallow at step 12, deep at step 9)" */
  verdict: string;
}

/** The verdict of one shallow/deep pair, from their final losses and divergence steps. */
export function pairVerdict(arch: TrainArch, shallow: number, deep: number, sAt: number | null, dAt: number | null): DepthVerdict {
  const base = { arch, shallow, deep, shallowDivergedAt: sAt, deepDivergedAt: dAt };
  if (sAt !== null && dAt !== null) return { ...base, deeperIsWorse: null, verdict: `both diverged (shallow at step ${sAt}, deep at step ${dAt})` };
  if (dAt !== null) return { ...base, deeperIsWorse: true, verdict: `the deep model diverged at step ${dAt}; the shallow one did not` };
  if (sAt !== null) return { ...base, deeperIsWorse: false, verdict: `the shallow model diverged at step ${sAt}; the deep one did not` };
  const worse = deep > shallow;
  return { ...base, deeperIsWorse: worse, verdict: worse ? 'deeper trained worse' : 'deeper trained at least as well' };
}

/** The shallow-versus-deep verdict of each architecture after `done` steps. */
export function depthVerdicts(runs: readonly RunTrace[], done: number): DepthVerdict[] {
  const out: DepthVerdict[] = [];
  // A run counts as diverged once a loss within the first `done` steps was not finite (divergedAt, or read off the
  // losses for a trace that did not record it).
  const at = (r: RunTrace): number | null => {
    if (r.divergedAt !== null) return r.divergedAt < done ? r.divergedAt : null;
    for (let t = 0; t < done; t++) if (!Number.isFinite(r.loss[t])) return t;
    return null;
  };
  for (const r of runs) {
    if (r.role !== 'shallow') continue;
    const deep = runs.find((d) => d.arch === r.arch && d.role === 'deep');
    if (!deep) continue;
    out.push(pairVerdict(r.arch, finalLoss(r.loss, done), finalLoss(deep.loss, done), at(r), at(deep)));
  }
  return out;
}

/** The finished (or stopped) comparison. */
export interface TrainResult {
  config: TrainConfig;
  /** steps completed (config.steps unless cancelled) */
  done: number;
  runs: RunTrace[];
  verdicts: DepthVerdict[];
}

interface ModelState {
  model: TrainModel;
  opt: Optimizer;
  trace: RunTrace;
}

export class TrainSession {
  readonly config: TrainConfig;
  readonly data: Dataset;
  readonly runs: RunTrace[];
  private readonly models: ModelState[];
  private readonly sampler: BatchSampler;
  private t = 0;

  /** Validates the config (ConfigError if bad), draws the data and builds every model. */
  constructor(config: TrainConfig) {
    const c = validateTrainConfig(config);
    this.config = c;
    this.data = makeDataset(c.task, c.samples, c.width, c.seed);
    this.sampler = new BatchSampler(c.samples, c.tbatch, c.seed);
    this.models = [];
    const first = Int32Array.from({ length: c.tbatch }, (_, k) => k % c.samples);
    for (const arch of c.arch)
      for (const role of ['shallow', 'deep'] as const) {
        const depth = c[role];
        const model = new TrainModel({ arch, depth, width: c.width, batch: c.tbatch, outDim: this.data.outDim, act: c.act, init: c.init, norm: c.norm, alpha: c.alpha, seed: c.seed });
        const opt = new Optimizer(model.params, model.grads, { kind: c.opt, lr: c.lr, momentum: c.mom });
        gatherRows(this.data.x, this.data.inDim, first, model.x);
        const initCos = model.topCosine();
        const trace: RunTrace = { arch, depth, role, loss: new Float64Array(c.steps), dW: new Float64Array(c.steps * depth), divergedAt: null, initCos };
        this.models.push({ model, opt, trace });
      }
    this.runs = this.models.map((m) => m.trace);
  }

  /** Steps completed so far. */
  get done(): number {
    return this.t;
  }

  get finished(): boolean {
    return this.t >= this.config.steps;
  }

  /** Run up to `maxSteps` more steps of every model; returns how many were run. */
  advance(maxSteps: number): number {
    const end = Math.min(this.config.steps, this.t + Math.max(0, Math.floor(maxSteps)));
    const start = this.t;
    const { x: X, y: Y, inDim, outDim } = this.data;
    for (; this.t < end; this.t++) {
      const rows = this.sampler.draw();
      for (const { model, opt, trace } of this.models) {
        if (trace.divergedAt !== null) {
          trace.loss[this.t] = NaN;
          trace.dW.fill(NaN, this.t * trace.depth, (this.t + 1) * trace.depth);
          continue;
        }
        gatherRows(X, inDim, rows, model.x);
        gatherRows(Y, outDim, rows, model.y);
        const L = model.forwardBackward();
        trace.loss[this.t] = L;
        model.weightGradNorms(trace.dW, this.t * trace.depth);
        if (!Number.isFinite(L)) {
          trace.divergedAt = this.t;
          continue;
        }
        opt.step();
      }
    }
    return end - start;
  }

  /** The result so far (arrays are the session's own; copy them before the session continues if needed). */
  result(): TrainResult {
    return { config: this.config, done: this.t, runs: this.runs, verdicts: depthVerdicts(this.runs, this.t) };
  }
}

/** Run the whole comparison synchronously (CLI, tests); `onChunk` is called after every `chunk` steps. */
export function trainComparison(config: TrainConfig, onChunk?: (done: number, total: number) => void, chunk = 50): TrainResult {
  const s = new TrainSession(config);
  while (!s.finished) {
    s.advance(chunk);
    onChunk?.(s.done, s.config.steps);
  }
  return s.result();
}
