// @vitest-environment jsdom
import { act, render, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A hand-driven IntersectionObserver: the test says when an element comes near the viewport. */
const observed: { el: Element; cb: IntersectionObserverCallback; init?: IntersectionObserverInit }[] = [];
class FakeIO {
  constructor(
    private cb: IntersectionObserverCallback,
    private init?: IntersectionObserverInit,
  ) {}
  observe(el: Element) {
    observed.push({ el, cb: this.cb, init: this.init });
  }
  unobserve(el: Element) {
    const i = observed.findIndex((o) => o.el === el);
    if (i >= 0) observed.splice(i, 1);
  }
  disconnect() {}
}
const comeNear = (el: Element) => {
  const o = observed.find((x) => x.el === el)!;
  o.cb([{ target: el, isIntersecting: true } as unknown as IntersectionObserverEntry], o as unknown as IntersectionObserver);
};

beforeAll(() => {
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIO;
});
afterAll(() => {
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
});

describe('Tex with an IntersectionObserver', () => {
  it('keeps the plain text (and KaTeX unloaded) until the formula comes near the viewport, then typesets it', async () => {
    // Imported here so the module sees the fake observer.
    const { Tex, useKatex, NEAR_MARGIN } = await import('../../src/viz/katex');
    function Two() {
      const render = useKatex();
      return (
        <div>
          <Tex f={{ tex: 'x^2', text: 'x²' }} render={render} />
          <Tex f={{ tex: 'y^2', text: 'y²' }} render={render} />
        </div>
      );
    }
    const { container } = render(<Two />);
    const texts = () => [...container.querySelectorAll('[data-role="formula-text"]')].map((e) => e.textContent);
    expect(texts()).toEqual(['x²', 'y²']);
    expect(observed).toHaveLength(2);
    expect(observed[0].init?.rootMargin).toBe(NEAR_MARGIN);
    // Nothing near: nothing loads or typesets, however long we wait.
    await new Promise((r) => setTimeout(r, 300));
    expect(container.querySelectorAll('.katex')).toHaveLength(0);
    act(() => comeNear(container.querySelectorAll('[data-role="formula-text"]')[0]));
    await waitFor(() => expect(container.querySelectorAll('[data-role="formula-tex"] .katex')).toHaveLength(1));
    // The second formula is still far: still its text twin.
    expect(texts()).toEqual(['y²']);
    act(() => comeNear(container.querySelectorAll('[data-role="formula-text"]')[0]));
    await waitFor(() => expect(container.querySelectorAll('[data-role="formula-tex"] .katex')).toHaveLength(2));
  });

  it('a formula mounted after KaTeX has loaded (e.g. a panel opened later) is typeset, with no error', async () => {
    const { Tex, useKatex, loadKatex } = await import('../../src/viz/katex');
    await loadKatex();
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      function One() {
        return <Tex f={{ tex: 'z^2', text: 'z²' }} render={useKatex()} />;
      }
      const { container } = render(<One />);
      act(() => comeNear(container.querySelector('[data-role="formula-text"]')!));
      await waitFor(() => expect(container.querySelectorAll('[data-role="formula-tex"] .katex')).toHaveLength(1));
    } finally {
      console.error = orig;
    }
    expect(errors).toEqual([]);
  });
});
