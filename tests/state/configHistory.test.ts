/** The store's undo/redo/reset over settled configs, and the binding that settles a drag or a key run into one step. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { SETTLE_QUIET_MS } from '../../src/state/settle';
import { connectSettle, type SettleEnv } from '../../src/state/settleSync';
import { createAppStore, selectCanRedo, selectCanReset, selectCanUndo } from '../../src/state/store';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(params: Parameters<typeof createAppStore>[0] = {}) {
  const store = createAppStore(params);
  let press = () => {};
  let release = () => {};
  const env: SettleEnv = {
    onPointer: (p, r) => {
      press = p;
      release = r;
      return () => {
        press = release = () => {};
      };
    },
  };
  const stop = connectSettle(store, env);
  const depth = () => store.getState().config.depth;
  const can = () => ({ undo: selectCanUndo(store.getState()), redo: selectCanRedo(store.getState()) });
  return { store, stop, depth, can, press: () => press(), release: () => release() };
}

describe('undo steps are settled changes', () => {
  it('a slider drag of 40 input events is one undo step, settled at the release', () => {
    const { store, depth, press, release } = setup();
    const start = depth();
    press();
    for (let d = 21; d <= 60; d++) store.getState().setConfig({ depth: d });
    vi.advanceTimersByTime(5 * SETTLE_QUIET_MS); // resting mid-drag is not the end of it
    expect(store.getState().history.past).toHaveLength(0);
    release();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(depth()).toBe(start);
    store.getState().redo();
    expect(depth()).toBe(60);
  });

  it('a run of arrow-key presses is one step once the value has been still; a later run is another', () => {
    const { store, depth } = setup();
    const start = depth();
    for (const d of [21, 22, 23]) {
      store.getState().setConfig({ depth: d });
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    store.getState().setConfig({ width: 8 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().config).toMatchObject({ depth: 23, width: defaultConfig().width });
    store.getState().undo();
    expect(depth()).toBe(start);
  });

  it('undo right after a change, before it settled, takes back that whole change', () => {
    const { store, depth, can } = setup();
    const start = depth();
    expect(can()).toEqual({ undo: false, redo: false });
    store.getState().setConfig({ depth: 31 });
    store.getState().setConfig({ depth: 32 });
    expect(can().undo).toBe(true);
    store.getState().undo();
    expect(depth()).toBe(start);
    expect(can()).toEqual({ undo: false, redo: true });
    vi.advanceTimersByTime(SETTLE_QUIET_MS); // the settle timer that was running finds nothing new
    expect(can()).toEqual({ undo: false, redo: true });
    store.getState().redo();
    expect(depth()).toBe(32);
  });

  it('dragging back to where it started adds no step', () => {
    const { store, press, release } = setup();
    const start = store.getState().config.depth;
    press();
    store.getState().setConfig({ depth: start + 5 });
    store.getState().setConfig({ depth: start });
    release();
    expect(selectCanUndo(store.getState())).toBe(false);
  });

  it('a new change after an undo drops the redo step', () => {
    const { store, can } = setup();
    store.getState().setConfig({ depth: 40 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    store.getState().undo();
    expect(can().redo).toBe(true);
    store.getState().setConfig({ act: 'relu' });
    expect(can().redo).toBe(false);
    store.getState().redo();
    expect(store.getState().config.act).toBe('relu');
  });

  it('reset restores the default config, keeps the UI state, and is undoable in one step', () => {
    const { store } = setup({ config: { ...defaultConfig(), depth: 77, act: 'relu', scale: 3 } });
    store.getState().setUi({ lang: 'zh', theme: 'dark', panels: ['flow'], q: 'g' });
    expect(selectCanReset(store.getState())).toBe(true);
    store.getState().resetConfig();
    expect(store.getState().config).toEqual(defaultConfig());
    expect(store.getState().ui).toMatchObject({ lang: 'zh', theme: 'dark', panels: ['flow'], q: 'g' });
    expect(selectCanReset(store.getState())).toBe(false);
    store.getState().undo();
    expect(store.getState().config).toMatchObject({ depth: 77, act: 'relu', scale: 3 });
    store.getState().redo();
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('reset right after an unsettled change keeps that change as an undo step of its own', () => {
    const { store, depth } = setup();
    store.getState().setConfig({ depth: 12 });
    store.getState().resetConfig();
    store.getState().undo();
    expect(depth()).toBe(12);
    store.getState().undo();
    expect(selectCanUndo(store.getState())).toBe(false);
  });

  it('the config the page opened with is the first settled one (not an undo step back to the defaults)', () => {
    const { store } = setup({ config: { ...defaultConfig(), depth: 5 } });
    expect(selectCanUndo(store.getState())).toBe(false);
    store.getState().undo();
    expect(store.getState().config.depth).toBe(5);
  });

  it('each settled change counts once for the URL sync; Back/Forward restores without asking for a browser entry', () => {
    const { store, press, release } = setup();
    const seq = () => store.getState().settled;
    expect(seq()).toEqual({ seq: 0, push: false });
    press();
    for (let d = 21; d < 30; d++) store.getState().setConfig({ depth: d });
    expect(seq().seq).toBe(0);
    release();
    expect(seq()).toEqual({ seq: 1, push: true });
    store.getState().undo();
    expect(seq()).toEqual({ seq: 2, push: true });
    store.getState().restoreConfig({ ...defaultConfig(), depth: 50 }, { scene: 2 });
    expect(seq()).toEqual({ seq: 3, push: false });
    expect(store.getState().ui.scene).toBe(2);
    store.getState().undo();
    expect(store.getState().config.depth).toBe(defaultConfig().depth);
  });

  it('stops settling when disconnected', () => {
    const { store, stop } = setup();
    stop();
    store.getState().setConfig({ depth: 9 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(store.getState().history.past).toHaveLength(0);
  });
});
