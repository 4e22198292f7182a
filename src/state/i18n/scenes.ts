/**
 * Strings of the guided story, loaded with the story's code when a scene opens (see ./index.ts): the scene bar, the
 * predict-then-reveal question, the NaN callout and the eleven scenes (`story.<id>.title|text|question|why`, plus
 * `alt` and `link` where a scene has them; ids in src/state/scenes.ts). Scene texts may use {ratio_<arch>} and
 * {change_<arch>}, filled from the live report.
 */
export const scenesEn = {
  'story.region': 'Guided story',
  'story.counter': 'Scene {k} of {n}',
  'story.prev': 'Previous scene',
  'story.next': 'Next scene',
  'story.exit': 'Leave the story',
  'story.nav': 'Scenes',
  'story.goto': 'Scene {k}: {title}',
  'story.keys': 'PageUp and PageDown move between scenes.',
  'story.predict': 'Predict first',
  'story.outcome.vanish': 'Vanish',
  'story.outcome.stay': 'Stay about the same',
  'story.outcome.explode': 'Explode',
  'story.skip': 'Just show me',
  'story.toStepper': 'Walk through it in the stepper',
  'story.concealed': 'The charts stay blurred until you answer.',
  'story.right': 'Right.',
  'story.wrong': 'Not quite: you said “{guess}”.',
  'story.truth.vanish': '{arch}: layer 0 receives {ratio} of the gradient at the top, {decades} orders of magnitude less. It vanishes.',
  'story.truth.stay': '{arch}: layer 0 receives {ratio} × the gradient at the top, within a factor of 10. It stays about the same.',
  'story.truth.explode': '{arch}: layer 0 receives {ratio} × the gradient at the top, {decades} orders of magnitude more. It explodes.',
  'story.truth.nan': '{arch}: the gradient at layer 0 is not a number (NaN). It exploded past what float64 can hold.',
  'story.truth.missing': 'This scene asks about the {arch} chain; add it back to the architectures to see the answer.',
  'story.waiting': 'Computing this scene…',
  'story.change.lost': 'loses {n} orders of magnitude',
  'story.change.gained': 'gains {n} orders of magnitude',
  'story.change.kept': 'keeps about the same size',
  'story.change.nan': 'ends up as NaN',
  'story.draw.vanish': 'On this draw the gradient arrives weakened: layer 0 gets {ratio} of the top gradient, {decades} orders of magnitude less.',
  'story.draw.stay': 'On this draw the gradient arrives in good shape: layer 0 gets {ratio} × the top gradient.',
  'story.draw.explode': 'On this draw the gradient arrives inflated: layer 0 gets {ratio} × the top gradient, {decades} orders of magnitude more.',
  'story.draw.nan': 'On this draw the gradient does not arrive at all: it overflowed and became NaN.',
  'story.theoryRise': 'The dashed mean-field line, which keeps that part, ends at layer 0 at {rise} × its value at the top.',
  'story.callout.title': 'Where the NaN came from',
  'story.callout.inf': '{arch}: at layer {layer}, |{q}| passed 1.8 × 10³⁰⁸, the largest float64 number, and became ∞.',
  'story.callout.nan': '{arch}: at layer {layer}, {q} became NaN: its inputs had already overflowed to ±∞, and ∞ − ∞ is not a number.',
  'story.callout.growth': 'Up to there the signal grew by about ×{g} per layer.',
  'story.callout.backward': 'The forward pass stayed finite; the gradient itself overflowed on its way back.',
  'story.callout.spread': 'From there NaN reaches the loss, and backprop carries it into every gradient: one overflow spoils the whole step.',
  'story.chain.title': 'Backprop caches one number per layer',
  'story.chain.text':
    'Backpropagation starts at the loss and walks back toward the input, one layer at a time. By the chain rule, a parameter’s derivative is a sum over all paths from it to the loss, each path contributing the product of the partial derivatives along it. Backprop saves the repeated work by caching one number per layer, gᵢ = ∂L/∂zᵢ, which the layer below reuses. This chain has 5 layers of a single sigmoid unit each. In the stepper, every step takes the cached gᵢ₊₁, multiplies it by the local factor wᵢ₊₁·f′(zᵢ) and caches gᵢ.',
  'story.chain.question': 'After five steps back to the input, what has become of the gradient?',
  'story.chain.why':
    'Each step multiplied by one factor wᵢ₊₁·f′(zᵢ), and here most of them were well below 1, so over five steps the gradient {change_plain}. The weight gradient ∂L/∂wᵢ = gᵢ·hᵢ inherits the shrinkage: the first layers hardly learn.',

  'story.sigmoid.title': 'The sigmoid’s slope is at most 1/4',
  'story.sigmoid.text':
    'The sigmoid’s derivative σ′(z) = σ(z)·(1 − σ(z)) peaks at 1/4 at z = 0 and falls toward 0 on both sides. This chain is 20 layers deep and 16 units wide, with Xavier-initialized weights, which by themselves keep the signal about the same size.',
  'story.sigmoid.question': 'What reaches layer 0?',
  'story.sigmoid.why':
    'Every step multiplies by w·f′(z), and f′ never exceeds 1/4. That does not make every layer shrink the gradient 4×: a layer whose weights happen to be large can pass on more than 1/4 of it (the largest layer gain on this draw is {maxGain_plain}; over seeds 1–50, about a quarter of the layers exceed 1/4). What is bounded is the mean square: averaged over the weights, a layer multiplies the squared gradient by χ = n·Var(w)·E[σ′(z)²] (n is the width), and with Xavier weights n·Var(w) = 1, so χ ≤ 1/16. Over 20 layers the mean square shrinks by at least 16²⁰ ≈ 10²⁴, so its root by at least 4²⁰ ≈ 10¹². Here the gradient {change_plain}. The early layers’ weight gradients hᵢᵀ·gᵢ are just as small, so those layers barely train.',

  'story.explode.title': 'Weights that are too large: explosion, then NaN',
  'story.explode.text':
    'Now the opposite. The weights are 8 times larger than Xavier’s (standard deviation 2), and nothing squashes them: f is the identity, so f′ = 1. Forward, each layer multiplies the signal by about 8; backward, it multiplies the gradient by about 8 too. The chain is 400 layers deep.',
  'story.explode.question': 'What does the gradient at layer 0 look like?',
  'story.explode.why':
    '8⁴⁰⁰ ≈ 10³⁶¹, far beyond the largest float64 number (about 1.8 × 10³⁰⁸). The activations overflow to ∞ on the way forward, ∞ − ∞ then gives NaN, the loss becomes NaN, and backprop hands NaN to every gradient. The box below says where it broke. Long before NaN, an exploding gradient already makes one update fling the weights far away.',

  'story.relu.title': 'A better activation: ReLU with He initialization',
  'story.relu.text':
    'The first remedy changes f′. ReLU’s slope is exactly 1 wherever a unit is on and 0 where it is off. About half the units are off, so He initialization draws weights √2 times larger than Xavier’s (variance 2/fan-in) to make up for the missing half. Same depth as scene 2: 20 layers.',
  'story.relu.question': 'What reaches layer 0 now?',
  'story.relu.why':
    'The textbook step: He weights double the variance and ReLU lets about half the units through, so each step multiplies the expected squared gradient by 2 × ½ = 1. That step assumes the gradient is independent of the forward signal. With the mse loss it is not: the top gradient, output − target, contains the output itself, that part grows on the way back, and the mean square rises with depth. {theoryRise_plain} A single draw need not follow the mean. {draw_plain} Try a few seeds: most draws stay within a factor of 10, some do not.',

  'story.batchnorm.title': 'Batch normalization',
  'story.batchnorm.text':
    'The second remedy changes the distribution each layer sees. Batch normalization rescales every zᵢ over the batch to mean 0 and variance 1 before the activation. This is the sigmoid chain of scene 2 again, with the very same weights, plus BatchNorm.',
  'story.batchnorm.question': 'What reaches layer 0 now?',
  'story.batchnorm.why':
    'BatchNorm subtracts the batch mean and divides by the batch’s standard deviation σᵢ, which keeps z in the sigmoid’s steep middle instead of its flat tails. On the way back the gradient is divided by the same σᵢ. In this chain the sigmoid outputs vary little across the batch, so σᵢ is small and 1/σᵢ offsets f′ ≤ 1/4, or more than offsets it. The gradient now {change_plain}: layer 0 gets {ratio_plain} × the top gradient, ×{perLayer_plain} per layer on average. BatchNorm is no cure-all, though: in a plain chain it makes the gradient grow exponentially with depth at initialization, whatever the activation (Yang et al., 2019). A few layers hide this; a couple of hundred do not.',
  'story.batchnorm.alt': 'Make it {depth} layers deep',

  'story.residual.title': 'The residual shortcut, on the same weights',
  'story.residual.text':
    'Back to the plain sigmoid chain of scene 2. Next to it is a residual chain with exactly the same weights, where each layer adds its output to its input: hᵢ₊₁ = hᵢ + α·f(zᵢ). In the backward pass the shortcut turns each factor w·f′ into 1 + α·w·f′.',
  'story.residual.question': 'What reaches layer 0 of the residual chain?',
  'story.residual.why':
    'With f′ ≤ 1/4 and moderate weights, α·w·f′ is small, so every factor is 1 plus a little and their product stays near 1. Even where a branch’s factor is close to 0, the identity path passes the gradient on untouched. With the same numbers, the plain chain {change_plain}; the residual one keeps {ratio_residual} × the top gradient.',

  'story.alpha.title': 'Residual chains can explode too; α = 1/√L tames them',
  'story.alpha.text':
    'The shortcut is no cure-all. Without normalization, every residual block adds its branch’s variance to the signal. On the way back each block multiplies the gradient by 1 + α·w·f′. For tanh these factors average exactly 1, because w and −w are equally likely and f′ is even; their squares, though, average about 1 + α²·χ > 1, and the squares are what add up in the gradient’s size. Here are 100 tanh blocks with α = 1.',
  'story.alpha.question': 'What reaches layer 0 of this 100-block residual chain?',
  'story.alpha.why':
    'Each block multiplies the squared gradient by about 1 + α²·χᵢ, where χᵢ = (fan-in × Var w)·E[f′(zᵢ)²] is the factor a plain layer would have. Each term is small, but a hundred of them compound. Scale every branch by α = 1/√L and the α²·χᵢ add up to about 1 at most, whatever the depth, so the product stays bounded.',
  'story.alpha.alt': 'Set α = 1/√L = {alpha}',

  'story.degradation.title': 'Healthy gradients are not enough: degradation',
  'story.degradation.text':
    'The ResNet paper’s introduction notes that vanishing and exploding gradients have been largely addressed by normalized initialization and intermediate normalization layers, so deep plain networks do start to converge. Here is a 56-layer plain ReLU chain with He initialization (a normalized initialization) and no normalization layers.',
  'story.degradation.question': 'What reaches layer 0?',
  'story.degradation.why':
    '{draw_plain} The ResNet authors put BatchNorm in their plain networks and checked that the gradients had healthy norms; still, a 56-layer plain network ended with a higher training error than a 20-layer one (their Figure 1). Deeper is worse even on the training data, so this is not overfitting; they called it degradation. A residual block only has to learn F(x) = H(x) − x: if the identity is best, it can push F toward 0, which is far easier than making a stack of nonlinear layers imitate the identity.',
  'story.degradation.link': 'Train a shallow and a deep net yourself in the training lab',

  'story.dense.title': 'DenseNet: every layer feeds every later layer',
  'story.dense.text':
    'The DenseNet authors read ResNet’s success as a shorter backward path: the shortcut lets the loss reach early layers through fewer multiplications. DenseNet takes this to the limit: each layer receives the outputs of all the layers before it, zᵢ = concat(h₀, …, hᵢ)·Wᵢ + bᵢ. Here are a plain and a dense tanh chain, both 100 layers deep.',
  'story.dense.question': 'What reaches layer 0 of the dense chain?',
  'story.dense.why':
    'h₀ feeds each of the 100 layers directly, so its gradient is a sum over paths of every length, many of them a single step: ∂L/∂h₀ = Σⱼ gⱼ·(Wⱼ^[0])ᵀ. The short paths do not have to survive 100 multiplications. The plain chain {change_plain}; the dense one keeps {ratio_dense} × the top gradient.',

  'story.edge.title': 'The edge of chaos: where the gradient survives',
  'story.edge.text':
    'The phase map below shows the whole landscape at once: init scale across, depth up, and in each cell the share of the top gradient that reaches layer 0 (purple: it vanishes, orange: it explodes, pale: it survives). The dashed line is χ = n·Var(w)·E[f′(z)²] = 1 (n is the width), the edge of chaos, where a layer keeps the squared gradient the same size on average. For tanh without bias it sits at init scale 1. This chain is 50 tanh layers at scale 0.8, only 20 % below the line.',
  'story.edge.question': 'What reaches layer 0?',
  'story.edge.why':
    'With the scale on screen, the gradient {change_plain}. At scale 0.8, χ ≤ 0.64 (tanh′ never exceeds 1), so each layer shrinks the gradient by a factor of about √χ ≤ 0.8, and 50 layers compound that to about 0.8⁵⁰ ≈ 10⁻⁵. Any χ ≠ 1 is raised to the power L, which is why the pale band on the map hugs the dashed line and gets thinner as the chain gets deeper. On the line itself the decay is no longer exponential but slow: the theory predicts that a tanh chain at scale 1 loses about 1.5 orders of magnitude over 1000 layers (still more than the ×10 the app calls "survives", but nothing like the 10⁻⁹⁷ it predicts at scale 0.8).',
  'story.edge.alt': 'Move onto the line: scale {scale}',

  'story.isometry.title': 'Dynamical isometry: why orthogonal weights matter at depth 1000',
  'story.isometry.text':
    'A thousand tanh layers, 16 units wide, at init scale 1: right on the line χ = 1, where the mean-field theory predicts that the gradient decays only slowly, not exponentially: by about 1.5 orders of magnitude over the 1000 layers. The weights are Gaussian (Xavier).',
  'story.isometry.question': 'What reaches layer 0?',
  'story.isometry.why':
    'With the weights on screen, the gradient {change_plain}. Gaussian weights keep χ = 1 only on average: a Gaussian layer keeps E‖v·W‖² = ‖v‖² exactly, but the typical length shrinks. ‖v·W‖²/‖v‖² is a χ² variable with W degrees of freedom divided by W, and its logarithm averages ψ(W/2) − ln(W/2) ≈ −1/W, about −0.064 at W = 16. Halved for the length and summed over 1000 layers, that is e⁻³² ≈ 10⁻¹⁴ on average, before tanh’s own slope. With Gaussian weights the spectrum panel shows it direction by direction: the singular values of the Jacobian from h₀ to the top layer spread over many decades. An orthogonal matrix keeps every length exactly, so with orthogonal weights only f′ ≤ 1 is left: the gradient shrinks only as much as tanh’s slope makes it, never grows, and the middle 80 % of the singular values stay within about two decades of each other. At this depth that is concentration, not yet isometry: every σ is below 0.1. Dynamical isometry (Pennington, Schoenholz and Ganguli, 2017) asks for all of them near 1, and builds on this concentration.',
  'story.isometry.alt': 'Use orthogonal weights',
} as const;
