// @vitest-environment jsdom
/**
 * The gate's app loader (src/app/boot/appLoader.ts): the module script and its preloads start after the
 * prerender's first contentful paint, at once where there is no prerender, and never twice.
 * tests/e2e/prerender.e2e.mjs checks the order in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadApp, PAINT_WAIT_MS } from '../../../src/app/boot/appLoader';
import { onFirstReach, REACH_EVENTS } from '../../../src/app/boot/firstReach';

const scripts = { entry: './assets/index-x.js', preloads: ['./assets/a.js', './assets/b.js'] };
const injected = () => ({
  scripts: [...document.head.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src')),
  preloads: [...document.head.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href')),
});

/** A PerformanceObserver that supports 'paint' and lets the test report the first contentful paint. */
let observers: ((names: string[]) => void)[] = [];
class FakeObserver {
  static supportedEntryTypes = ['paint'];
  private readonly cb: (list: { getEntriesByName: (n: string) => unknown[] }, o: FakeObserver) => void;
  private on = false;
  constructor(cb: FakeObserver['cb']) {
    this.cb = cb;
  }
  observe() {
    this.on = true;
    observers.push((names) => this.on && this.cb({ getEntriesByName: (n) => names.filter((x) => x === n) }, this));
  }
  disconnect() {
    this.on = false;
  }
}

describe('loadApp', () => {
  beforeEach(() => {
    document.head.innerHTML = '';
    observers = [];
    vi.useFakeTimers();
    vi.stubGlobal('PerformanceObserver', FakeObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('starts the app at once where no prerender shows (the document is parsed)', () => {
    loadApp(scripts, false);
    expect(injected()).toEqual({ scripts: ['./assets/index-x.js'], preloads: ['./assets/a.js', './assets/b.js'] });
  });

  it('waits for the first contentful paint, then starts the app once, in a task of its own', () => {
    loadApp(scripts, true);
    vi.advanceTimersByTime(100);
    expect(injected().scripts).toEqual([]);
    for (const o of observers) o(['first-paint']);
    vi.advanceTimersByTime(10);
    expect(injected().scripts).toEqual([]);
    for (const o of observers) o(['first-contentful-paint']);
    expect(injected().scripts).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(injected().scripts).toEqual(['./assets/index-x.js']);
    vi.advanceTimersByTime(PAINT_WAIT_MS);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(injected().scripts).toEqual(['./assets/index-x.js']);
  });

  it('starts it anyway when no paint is reported (a tab opened in the background)', () => {
    loadApp(scripts, true);
    vi.advanceTimersByTime(PAINT_WAIT_MS - 1);
    expect(injected().scripts).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.runOnlyPendingTimers();
    expect(injected().scripts).toEqual(['./assets/index-x.js']);
  });
});

describe('onFirstReach', () => {
  it('runs once, at the first pointer move, key, focus or touch', () => {
    for (const type of REACH_EVENTS) {
      const fn = vi.fn();
      onFirstReach(fn);
      window.dispatchEvent(new Event('scroll'));
      expect(fn).not.toHaveBeenCalled();
      document.body.dispatchEvent(new Event(type, { bubbles: true }));
      window.dispatchEvent(new Event(type));
      window.dispatchEvent(new Event('pointermove'));
      expect(fn, type).toHaveBeenCalledTimes(1);
    }
  });
});
