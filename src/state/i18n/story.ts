/**
 * The story's strings on the page before a scene opens (its start button), and the words for a non-finite value,
 * which the flow panel's headline uses too. The scenes' own strings are in ./scenes.ts, loaded with the story.
 */
export const storyEn = {
  'story.start': 'Take the guided story ({n} scenes)',
  'story.startHint': 'From the chain rule to ResNet and DenseNet, one preset at a time.',
  'nonfinite.cause.inf': '|{q}| passed 1.8 × 10³⁰⁸, the largest float64 number',
  'nonfinite.cause.nan': '{q} became NaN (∞ − ∞ or 0 · ∞)',
  'nonfinite.q.h': 'h',
  'nonfinite.q.z': 'z',
  'nonfinite.q.dh': '∂L/∂h',
  'nonfinite.q.g': 'g',
  'nonfinite.q.dW': '∂L/∂W',
  'nonfinite.q.db': '∂L/∂b',
  'nonfinite.q.loss': 'L',
} as const;
