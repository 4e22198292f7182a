import { describe, expect, it } from 'vitest';
import { needsRevealScroll } from '../../src/app/story/revealScroll';

describe('needsRevealScroll', () => {
  const H = 760; // visible band [0, 760): an 812 px phone less its settings sheet
  it('leaves the page alone when the verdict is on screen and the chart starts on screen', () => {
    expect(needsRevealScroll({ top: 300, bottom: 320 }, { top: 500, bottom: 1000 }, H)).toBe(false);
  });
  it('scrolls when the verdict is pushed below the visible band, even partly', () => {
    expect(needsRevealScroll({ top: 983, bottom: 1002 }, { top: 1180, bottom: 1700 }, H)).toBe(true);
    expect(needsRevealScroll({ top: 750, bottom: 770 }, null, H)).toBe(true);
  });
  it('scrolls when the verdict is above the screen', () => {
    expect(needsRevealScroll({ top: -5, bottom: 15 }, null, H)).toBe(true);
  });
  it('scrolls when the verdict is visible but the chart starts below the band', () => {
    expect(needsRevealScroll({ top: 600, bottom: 620 }, { top: 800, bottom: 1300 }, H)).toBe(true);
  });
});
