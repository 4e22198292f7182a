/** The Simplified Chinese side of ./story.ts (loaded only when the page is shown in Chinese; see ./index.ts). */
import type { storyEn } from './story';

export const storyZh: Record<keyof typeof storyEn, string> = {
  'story.start': '跟着故事走一遍（共 {n} 幕）',
  'story.startHint': '从链式法则讲到 ResNet 和 DenseNet，每一幕一个预设。',
  'nonfinite.cause.inf': '|{q}| 超过了 float64 的最大值 1.8 × 10³⁰⁸',
  'nonfinite.cause.nan': '{q} 变成了 NaN（∞ − ∞ 或 0 · ∞）',
  'nonfinite.q.h': 'h',
  'nonfinite.q.z': 'z',
  'nonfinite.q.dh': '∂L/∂h',
  'nonfinite.q.g': 'g',
  'nonfinite.q.dW': '∂L/∂W',
  'nonfinite.q.db': '∂L/∂b',
  'nonfinite.q.loss': 'L',
};
