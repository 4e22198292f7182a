/**
 * The training lab's schema (the degradation experiment of the ResNet paper's Figure 1): one table of
 * {key, type, default, range} drives strict decoding (CLI, worker), clamping (the lab's URL) and encoding, in the
 * same shape as src/core/config.ts, whose ConfigError it reuses so every error names key, value and allowed range.
 */
import { ACTIVATIONS, INITS, NORMS, type Activation, type InitScheme, type Norm } from '../config';
import {
  ConfigError,
  decodeTable,
  parseSpecField,
  rowAllowedText,
  tableDefaults,
  tableRowOf,
  tableToRecord,
  type ConfigNotice,
  type DecodeMode,
  type EnumRow,
  type ListRow,
  type NumRow,
  type Parsed,
  type TableRow,
} from '../table';

/** The seeded tasks: regression onto a random teacher network, or a two-arm spiral lifted to width W. */
export const TASKS = ['teacher', 'spiral'] as const;
/** The optimizers: SGD with (heavy-ball) momentum, and Adam with bias correction. */
export const OPTIMIZERS = ['adam', 'sgd'] as const;
/** Architectures the lab can train (each at a shallow and a deep depth). */
export const TRAIN_ARCHS = ['plain', 'residual', 'dense'] as const;

export type Task = (typeof TASKS)[number];
export type OptimizerKind = (typeof OPTIMIZERS)[number];
export type TrainArch = (typeof TRAIN_ARCHS)[number];

/** One comparison run: which models to train, on what, with which optimizer. */
export interface TrainConfig {
  task: Task;
  arch: TrainArch[];
  shallow: number;
  deep: number;
  width: number;
  act: Activation;
  init: InitScheme;
  norm: Norm;
  alpha: number;
  opt: OptimizerKind;
  lr: number;
  mom: number;
  steps: number;
  tbatch: number;
  samples: number;
  seed: number;
}

/** One row of the table. */
export type TrainFieldSpec = TableRow<TrainConfig, NumRow | EnumRow | ListRow>;

/**
 * The table. The defaults are tuned so that, for every seed tried, the deep plain chain ends above the shallow
 * one and the deep residual chain ends at or below the shallow one (see tests/core/train/train-degradation.test.ts).
 */
export const TRAIN_FIELDS: readonly TrainFieldSpec[] = [
  { key: 'task', kind: 'enum', values: TASKS, default: 'teacher', doc: 'seeded task: teacher regression or 2-D spiral' },
  { key: 'arch', kind: 'list', values: TRAIN_ARCHS, default: ['plain', 'residual'], doc: 'architectures to train' },
  { key: 'shallow', kind: 'int', min: 1, max: 63, default: 8, doc: 'depth L of the shallow models' },
  { key: 'deep', kind: 'int', min: 2, max: 128, default: 32, doc: 'depth L of the deep models' },
  { key: 'width', kind: 'int', min: 2, max: 64, default: 16, doc: 'units per layer W' },
  { key: 'act', kind: 'enum', values: ACTIVATIONS, default: 'relu', doc: 'activation f' },
  { key: 'init', kind: 'enum', values: INITS, default: 'he', doc: 'weight init scheme' },
  { key: 'norm', kind: 'enum', values: NORMS, default: 'none', doc: 'normalization before f' },
  { key: 'alpha', kind: 'float', min: 0, max: 2, default: 0.1, doc: 'residual-branch scale α' },
  { key: 'opt', kind: 'enum', values: OPTIMIZERS, default: 'adam', doc: 'optimizer' },
  { key: 'lr', kind: 'float', min: 1e-5, max: 1, log: true, default: 0.001, doc: 'learning rate' },
  { key: 'mom', kind: 'float', min: 0, max: 0.999, default: 0.9, doc: 'SGD momentum μ' },
  { key: 'steps', kind: 'int', min: 10, max: 5000, default: 500, doc: 'optimizer steps' },
  { key: 'tbatch', kind: 'int', min: 2, max: 256, default: 32, doc: 'minibatch size' },
  { key: 'samples', kind: 'int', min: 16, max: 4096, default: 256, doc: 'training-set size' },
  { key: 'seed', kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'seed of data, weights and batches' },
];

export const TRAIN_KEYS: readonly string[] = TRAIN_FIELDS.map((f) => f.key);

/** A fresh config of table defaults. */
export function defaultTrainConfig(): TrainConfig {
  return tableDefaults(TRAIN_FIELDS);
}

/** The allowed range of a field, as one phrase. */
export const trainAllowedText: (f: TrainFieldSpec) => string = rowAllowedText;

export function trainFieldOf(key: string): TrainFieldSpec | undefined {
  return tableRowOf(TRAIN_FIELDS, key);
}

/**
 * Multiply-adds of one comparison run, roughly: per step and layer, forward and backward cost about 3·B·fan_in·W,
 * plus the optimizer's pass over the weights. Used to refuse runs that would take minutes.
 */
export function trainCost(c: TrainConfig): number {
  let perStep = 0;
  for (const arch of c.arch)
    for (const L of [c.shallow, c.deep]) {
      const fanInSum = arch === 'dense' ? (c.width * L * (L + 1)) / 2 : c.width * L;
      perStep += fanInSum * c.width * (3 * c.tbatch + 4);
    }
  return perStep * c.steps;
}

/** The largest {@link trainCost} accepted: about a minute of single-threaded float64 work. */
export const MAX_TRAIN_COST = 4e10;

/** One raw value for field f: strict throws ConfigError, clamp returns the nearest valid value and a notice.
 * Lists keep the table's order, so runs come out in the same order whatever order the link lists them in. */
function parseField(f: TrainFieldSpec, raw: unknown, mode: DecodeMode): Parsed {
  return parseSpecField(f, raw, mode, trainAllowedText(f), true);
}

const TRAIN_TABLE = { rows: TRAIN_FIELDS, parse: parseField };

/** Cross-field rules: shallow < deep, and the run must fit the time budget (tbatch ≥ 2 already lets batch norm work). */
function checkCombination(c: TrainConfig, mode: DecodeMode, notices: ConfigNotice[]): void {
  if (c.shallow >= c.deep) {
    if (mode === 'strict') throw new ConfigError('shallow', c.shallow, `an integer below deep (${c.deep})`);
    const used = c.deep - 1;
    notices.push({ key: 'shallow', given: String(c.shallow), used: String(used), allowed: `an integer below deep (${c.deep})` });
    c.shallow = used;
  }
  if (trainCost(c) > MAX_TRAIN_COST) {
    // The cost is linear in the step count: the largest count that fits, exactly.
    const steps = Math.floor(MAX_TRAIN_COST / trainCost({ ...c, steps: 1 }));
    const fits = steps >= 10;
    const allowed = fits
      ? `at most ${steps} steps for these depths, width and batch (time budget)`
      : 'fewer layers, a smaller width or batch: even 10 steps of this size exceed the time budget';
    // No step count fits: the config keeps the steps given, so the error the lab then shows names them (not 10).
    if (mode === 'strict' || !fits) {
      if (mode === 'strict') throw new ConfigError('steps', c.steps, allowed);
      return;
    }
    notices.push({ key: 'steps', given: String(c.steps), used: String(steps), allowed });
    c.steps = steps;
  }
}

/**
 * A full TrainConfig from raw key/values (URL params, CLI query, JSON). strict: unknown keys and bad values throw
 * ConfigError. clamp: unknown keys are ignored, bad values replaced by the nearest valid ones, each with a notice.
 */
export function decodeTrainConfig(raw: Record<string, unknown>, mode: DecodeMode, knownExtraKeys: readonly string[] = []): { config: TrainConfig; notices: ConfigNotice[] } {
  const { value: config, notices } = decodeTable(TRAIN_TABLE, raw, defaultTrainConfig(), mode, { knownExtraKeys });
  checkCombination(config, mode, notices);
  return { config, notices };
}

/** Throw ConfigError unless every key of `c` is inside the table (the worker's and the loop's guard). */
export function validateTrainConfig(c: TrainConfig): TrainConfig {
  const raw: Record<string, unknown> = {};
  for (const f of TRAIN_FIELDS) raw[f.key] = c[f.key];
  return decodeTrainConfig(raw, 'strict').config;
}

/** Encode as key/values; keys equal to their default are left out unless `includeDefaults`. */
export function trainConfigToRecord(c: TrainConfig, includeDefaults = false): Record<string, string> {
  return tableToRecord(TRAIN_FIELDS, c, { includeDefaults });
}
