/** Strings of the page shell. */
export const appEn = {
  'app.title': 'Gradient chain visualizer',
  'app.tagline': 'Watch gradients vanish, explode, and survive through plain, residual and dense chains.',
} as const;

export const appZh: Record<keyof typeof appEn, string> = {
  'app.title': '梯度链可视化',
  'app.tagline': '观察梯度在普通网络、残差网络和稠密网络中如何消失、爆炸，又如何得以保留。',
};
