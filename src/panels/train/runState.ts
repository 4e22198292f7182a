/**
 * The lab's view of one comparison run, rebuilt from the worker's messages: a pure reducer. Progress chunks are
 * written into preallocated arrays in place (a run streams tens of thousands of numbers), and every message returns
 * a new state object with a bumped `version`, which is what charts memoize on.
 */
import type { TrainConfig } from '../../core/train/config';
import type { DepthVerdict, RunTrace } from '../../core/train/loop';
import type { PlainError } from '../../worker/protocol';
import type { TrainResponse } from '../../worker/trainProtocol';

export type RunStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'error';

export interface RunState {
  status: RunStatus;
  /** id of the latest start; answers to older ids are ignored */
  id: number;
  /** the config the worker is running (after validation) */
  config: TrainConfig | null;
  runs: RunTrace[];
  done: number;
  total: number;
  elapsedMs: number;
  etaMs: number;
  verdicts: DepthVerdict[] | null;
  error: PlainError | null;
  /** bumped on every applied message */
  version: number;
}

export const INITIAL_RUN_STATE: RunState = {
  status: 'idle',
  id: 0,
  config: null,
  runs: [],
  done: 0,
  total: 0,
  elapsedMs: 0,
  etaMs: 0,
  verdicts: null,
  error: null,
  version: 0,
};

/** The state right after sending start `id` (the old run's data stay on screen until the new one starts). */
export function startingState(prev: RunState, id: number): RunState {
  return { ...prev, status: 'starting', id, error: null, version: prev.version + 1 };
}

/** The state after a cancel was sent: shown at once, whatever the worker still has in flight. */
export function cancelledState(prev: RunState): RunState {
  if (prev.status !== 'running' && prev.status !== 'starting') return prev;
  return { ...prev, status: 'cancelled', etaMs: 0, version: prev.version + 1 };
}

/** Apply one worker message. */
export function reduceRunState(s: RunState, msg: TrainResponse): RunState {
  if (msg.id !== s.id) return s;
  switch (msg.type) {
    case 'started':
      return {
        ...s,
        status: 'running',
        config: msg.config,
        runs: msg.runs.map((r) => ({ ...r, loss: new Float64Array(msg.total), dW: new Float64Array(msg.total * r.depth), divergedAt: null })),
        done: 0,
        total: msg.total,
        elapsedMs: 0,
        etaMs: 0,
        verdicts: null,
        version: s.version + 1,
      };
    case 'progress': {
      if (s.status !== 'running') return s;
      msg.chunks.forEach((c, i) => {
        const r = s.runs[i];
        if (!r) return;
        r.loss.set(c.loss, c.from);
        r.dW.set(c.dW, c.from * r.depth);
        r.divergedAt = c.divergedAt;
      });
      return { ...s, done: msg.done, elapsedMs: msg.elapsedMs, etaMs: msg.etaMs, version: s.version + 1 };
    }
    case 'done':
      return { ...s, status: 'done', done: msg.done, elapsedMs: msg.ms, etaMs: 0, verdicts: msg.verdicts, version: s.version + 1 };
    case 'cancelled':
      return { ...s, status: 'cancelled', done: Math.min(s.done, msg.done), etaMs: 0, version: s.version + 1 };
    case 'error':
      return { ...s, status: 'error', error: msg.error, version: s.version + 1 };
  }
}
