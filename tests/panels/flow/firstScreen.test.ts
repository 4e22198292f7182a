import { describe, expect, it } from 'vitest';
import { firstScreenHeight, flowHeight, screenRoom } from '../../../src/panels/flow/firstScreen';

describe('the flow chart on the first screen', () => {
  it('caps the usual height by the room below the chart where that keeps it readable', () => {
    // 1280×800: chart 878 px wide, top at 409 px → 371 px of room; usual 480.
    expect(firstScreenHeight(878, screenRoom(800, 409))).toBe(371);
  });
  it('keeps the usual height where even the smallest chart would not fit (1024×768, top 485)', () => {
    expect(screenRoom(768, 485)).toBe(263);
    expect(firstScreenHeight(678, screenRoom(768, 485))).toBe(flowHeight(678));
    expect(flowHeight(678)).toBe(373);
  });
  it('never grows the chart past its usual height, and without a measurement is the usual height', () => {
    expect(firstScreenHeight(600, 2000)).toBe(330);
    expect(firstScreenHeight(600, null)).toBe(330);
    expect(firstScreenHeight(600, 280)).toBe(280);
    expect(firstScreenHeight(600, 279)).toBe(330);
  });
});
