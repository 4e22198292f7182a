/**
 * Strings of the guided story: the scene bar, the predict-then-reveal question, the NaN callout and the nine
 * scenes (`story.<id>.title|text|question|why`, plus `alt` and `link` where a scene has them; ids in
 * src/state/scenes.ts). Scene texts may use {ratio_<arch>} and {change_<arch>}, filled from the live report.
 */
export const storyEn = {
  'story.region': 'Guided story',
  'story.start': 'Take the guided story ({n} scenes)',
  'story.startHint': 'From the chain rule to ResNet and DenseNet, one preset at a time.',
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
  'story.callout.title': 'Where the NaN came from',
  'story.callout.inf': '{arch}: at layer {layer}, |{q}| passed 1.8 × 10³⁰⁸, the largest float64 number, and became ∞.',
  'story.callout.nan': '{arch}: at layer {layer}, {q} became NaN: its inputs had already overflowed to ±∞, and ∞ − ∞ is not a number.',
  'story.callout.growth': 'Up to there the signal grew by about ×{g} per layer.',
  'story.callout.backward': 'The forward pass stayed finite; the gradient itself overflowed on its way back.',
  'story.callout.spread': 'From there NaN reaches the loss, and backprop carries it into every gradient: one overflow spoils the whole step.',
  'nonfinite.cause.inf': '|{q}| passed 1.8 × 10³⁰⁸, the largest float64 number',
  'nonfinite.cause.nan': '{q} became NaN (∞ − ∞ or 0 · ∞)',
  'nonfinite.q.h': 'h',
  'nonfinite.q.z': 'z',
  'nonfinite.q.dh': '∂L/∂h',
  'nonfinite.q.g': 'g',
  'nonfinite.q.dW': '∂L/∂W',
  'nonfinite.q.db': '∂L/∂b',
  'nonfinite.q.loss': 'L',

  'story.chain.title': 'Backprop caches one number per layer',
  'story.chain.text':
    'Backpropagation starts at the loss and walks back toward the input, one layer at a time. The chain rule multiplies partial derivatives along every path; backprop saves the repeated work by caching one number per layer, gᵢ = ∂L/∂zᵢ, which the layer below reuses. This chain has 5 layers of a single sigmoid unit each. In the stepper, every step takes the cached gᵢ₊₁, multiplies it by the local factor wᵢ₊₁·f′(zᵢ) and caches gᵢ.',
  'story.chain.question': 'After five steps back to the input, what has become of the gradient?',
  'story.chain.why':
    'Each step multiplied by one factor wᵢ₊₁·f′(zᵢ), and here most of them were well below 1, so over five steps the gradient {change_plain}. The weight gradient ∂L/∂wᵢ = gᵢ·hᵢ inherits the shrinkage: the first layers hardly learn.',

  'story.sigmoid.title': 'The sigmoid’s slope is at most 1/4',
  'story.sigmoid.text':
    'The sigmoid’s derivative σ′(z) = σ(z)·(1 − σ(z)) peaks at 1/4 at z = 0 and falls toward 0 on both sides. This chain is 20 layers deep and 16 units wide, with Xavier-initialized weights, which by themselves keep the signal about the same size.',
  'story.sigmoid.question': 'What reaches layer 0?',
  'story.sigmoid.why':
    'Every step multiplies by w·f′(z), and f′ never exceeds 1/4. The Xavier weights do not make up for it, so each layer divides the gradient by at least 4, and 20 layers by more than 4²⁰ ≈ 10¹². Here the gradient {change_plain}. The early layers’ weight gradients hᵢᵀ·gᵢ are just as small, so those layers barely train.',

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
    'On average each step now multiplies the squared gradient by 2 × ½ = 1, so it neither shrinks nor grows systematically: layer 0 gets {ratio_plain} × the top gradient. At a finite width the product still wanders by up to a decade from one draw to the next; try a new seed.',

  'story.batchnorm.title': 'Batch normalization',
  'story.batchnorm.text':
    'The second remedy changes the distribution each layer sees. Batch normalization rescales every zᵢ over the batch to mean 0 and variance 1 before the activation. This is the sigmoid chain of scene 2 again, with the very same weights, plus BatchNorm.',
  'story.batchnorm.question': 'What reaches layer 0 now?',
  'story.batchnorm.why':
    'BatchNorm subtracts the batch mean and divides by the batch’s standard deviation σᵢ, which keeps z in the sigmoid’s steep middle instead of its flat tails. On the way back the gradient is divided by the same σᵢ. In this chain the sigmoid outputs vary little across the batch, so σᵢ is small and 1/σᵢ makes up for f′ ≤ 1/4. The chain now {change_plain}: layer 0 gets {ratio_plain} × the top gradient.',

  'story.residual.title': 'The residual shortcut, on the same weights',
  'story.residual.text':
    'Back to the plain sigmoid chain of scene 2. Next to it is a residual chain with exactly the same weights, where each layer adds its output to its input: hᵢ₊₁ = hᵢ + α·f(zᵢ). In the backward pass the shortcut turns each factor w·f′ into 1 + α·w·f′.',
  'story.residual.question': 'What reaches layer 0 of the residual chain?',
  'story.residual.why':
    'With f′ ≤ 1/4 and moderate weights, α·w·f′ is small, so every factor is 1 plus a little and their product stays near 1. Even where a branch’s factor is close to 0, the identity path passes the gradient on untouched. With the same numbers, the plain chain {change_plain}; the residual one keeps {ratio_residual} × the top gradient.',

  'story.alpha.title': 'Residual chains can explode too; α = 1/√L tames them',
  'story.alpha.text':
    'The shortcut is no cure-all. Without normalization, every residual block adds its branch’s variance to the signal, and the backward factors 1 + α·w·f′ are a little larger than 1 on average. Here are 100 tanh blocks with α = 1.',
  'story.alpha.question': 'What reaches layer 0 of this 100-block residual chain?',
  'story.alpha.why':
    'Each block multiplies the squared gradient by about 1 + α²·χᵢ, where χᵢ = σ_w²·E[f′(zᵢ)²] is the factor a plain layer would have. Each term is small, but a hundred of them compound. Scale every branch by α = 1/√L and the α²·χᵢ add up to about 1 at most, whatever the depth, so the product stays bounded.',
  'story.alpha.alt': 'Set α = 1/√L = {alpha}',

  'story.degradation.title': 'Healthy gradients are not enough: degradation',
  'story.degradation.text':
    'With ReLU, He initialization and BatchNorm, vanishing gradients stop being the main obstacle; the ResNet paper says as much in its introduction. Here is a 56-layer plain ReLU chain with He initialization.',
  'story.degradation.question': 'What reaches layer 0?',
  'story.degradation.why':
    'The gradient arrives in good shape. Yet the ResNet authors found that a 56-layer plain network ends with a higher training error than a 20-layer one. Deeper is worse even on the training data, so this is not overfitting; they called it degradation. A residual block only has to learn F(x) = H(x) − x: if the identity is best, it can push F toward 0, which is far easier than making a stack of nonlinear layers imitate the identity.',
  'story.degradation.link': 'Train a shallow and a deep net yourself in the training lab',

  'story.dense.title': 'DenseNet: every layer feeds every later layer',
  'story.dense.text':
    'The DenseNet authors read ResNet’s success as a shorter backward path: the shortcut lets the loss reach early layers through fewer multiplications. DenseNet takes this to the limit: each layer receives the outputs of all the layers before it, zᵢ = concat(h₀, …, hᵢ)·Wᵢ + bᵢ. Here are a plain and a dense tanh chain, both 100 layers deep.',
  'story.dense.question': 'What reaches layer 0 of the dense chain?',
  'story.dense.why':
    'h₀ feeds each of the 100 layers directly, so its gradient is a sum over paths of every length, many of them a single step: ∂L/∂h₀ = Σⱼ gⱼ·(Wⱼ^[0])ᵀ. The short paths do not have to survive 100 multiplications. The plain chain {change_plain}; the dense one keeps {ratio_dense} × the top gradient.',
} as const;

export const storyZh: Record<keyof typeof storyEn, string> = {
  'story.region': '导览故事',
  'story.start': '跟着故事走一遍（共 {n} 幕）',
  'story.startHint': '从链式法则讲到 ResNet 和 DenseNet，每一幕一个预设。',
  'story.counter': '第 {k} 幕，共 {n} 幕',
  'story.prev': '上一幕',
  'story.next': '下一幕',
  'story.exit': '退出导览',
  'story.nav': '各幕',
  'story.goto': '第 {k} 幕：{title}',
  'story.keys': '用 PageUp 和 PageDown 切换上一幕、下一幕。',
  'story.predict': '先猜一猜',
  'story.outcome.vanish': '消失',
  'story.outcome.stay': '大致不变',
  'story.outcome.explode': '爆炸',
  'story.skip': '直接看答案',
  'story.toStepper': '到逐步演示里走一遍',
  'story.concealed': '作答之前，图表会保持模糊。',
  'story.right': '答对了。',
  'story.wrong': '不太对：你猜的是“{guess}”。',
  'story.truth.vanish': '{arch}：第 0 层只收到顶层梯度的 {ratio}，少了 {decades} 个数量级。梯度消失了。',
  'story.truth.stay': '{arch}：第 0 层收到的梯度是顶层的 {ratio} 倍，相差不到 10 倍。梯度大致保持不变。',
  'story.truth.explode': '{arch}：第 0 层收到的梯度是顶层的 {ratio} 倍，多了 {decades} 个数量级。梯度爆炸了。',
  'story.truth.nan': '{arch}：第 0 层的梯度已经不是一个数（NaN），它爆炸到了 float64 无法表示的地步。',
  'story.truth.missing': '这一幕问的是{arch}链；把它重新加入要显示的架构，才能看到答案。',
  'story.waiting': '正在计算这一幕…',
  'story.change.lost': '损失了 {n} 个数量级',
  'story.change.gained': '增大了 {n} 个数量级',
  'story.change.kept': '大小基本不变',
  'story.change.nan': '最后变成了 NaN',
  'story.callout.title': 'NaN 从哪里来',
  'story.callout.inf': '{arch}：在第 {layer} 层，|{q}| 超过了 float64 能表示的最大数 1.8 × 10³⁰⁸，变成了 ∞。',
  'story.callout.nan': '{arch}：在第 {layer} 层，{q} 变成了 NaN：它的输入已经溢出为 ±∞，而 ∞ − ∞ 不是一个数。',
  'story.callout.growth': '在此之前，信号每经过一层大约放大 {g} 倍。',
  'story.callout.backward': '前向传播一直是有限的；是梯度本身在反向传播途中溢出了。',
  'story.callout.spread': '此后 NaN 进入损失，反向传播再把它带进每一个梯度：一次溢出就毁掉了整个训练步。',
  'nonfinite.cause.inf': '|{q}| 超过了 float64 的最大值 1.8 × 10³⁰⁸',
  'nonfinite.cause.nan': '{q} 变成了 NaN（∞ − ∞ 或 0 · ∞）',
  'nonfinite.q.h': 'h',
  'nonfinite.q.z': 'z',
  'nonfinite.q.dh': '∂L/∂h',
  'nonfinite.q.g': 'g',
  'nonfinite.q.dW': '∂L/∂W',
  'nonfinite.q.db': '∂L/∂b',
  'nonfinite.q.loss': 'L',

  'story.chain.title': '反向传播：每层只缓存一个数',
  'story.chain.text':
    '反向传播从损失出发，一层一层地往输入方向走。链式法则要把每条路径上的偏导数连乘起来；反向传播为每一层缓存一个数 gᵢ = ∂L/∂zᵢ，供下面一层直接取用，省去了重复计算。这条链有 5 层，每层只有一个 sigmoid 单元。在逐步演示里，每一步都取出缓存的 gᵢ₊₁，乘上局部因子 wᵢ₊₁·f′(zᵢ)，再把得到的 gᵢ 缓存起来。',
  'story.chain.question': '沿着链走回输入、走完这五步之后，梯度变成了什么样？',
  'story.chain.why':
    '每一步都乘上一个因子 wᵢ₊₁·f′(zᵢ)，这里大多数因子都远小于 1，所以五步下来梯度{change_plain}。权重的梯度 ∂L/∂wᵢ = gᵢ·hᵢ 也跟着缩小：靠前的几层几乎学不到东西。',

  'story.sigmoid.title': 'sigmoid 的斜率最大只有 1/4',
  'story.sigmoid.text':
    'sigmoid 的导数 σ′(z) = σ(z)·(1 − σ(z)) 在 z = 0 处取到最大值 1/4，往两边都趋近于 0。这条链有 20 层，每层 16 个单元，权重用 Xavier 初始化，它本身让信号经过一层后大小基本不变。',
  'story.sigmoid.question': '传到第 0 层的梯度还剩多少？',
  'story.sigmoid.why':
    '每一步都要乘上 w·f′(z)，而 f′ 永远不超过 1/4。Xavier 权重并不能弥补这一点，所以每过一层梯度至少缩小为原来的 1/4，20 层下来就超过 4²⁰ ≈ 10¹² 倍。这里梯度{change_plain}。前几层的权重梯度 hᵢᵀ·gᵢ 同样微乎其微，这些层几乎训练不动。',

  'story.explode.title': '权重太大：先爆炸，再变成 NaN',
  'story.explode.text':
    '现在反过来。权重比 Xavier 大 8 倍（标准差为 2），也没有任何东西把它压下来：f 是恒等映射，f′ = 1。前向时每一层把信号放大约 8 倍，反向时也把梯度放大约 8 倍。这条链有 400 层。',
  'story.explode.question': '第 0 层的梯度会是什么样？',
  'story.explode.why':
    '8⁴⁰⁰ ≈ 10³⁶¹，远远超出 float64 能表示的最大数（约 1.8 × 10³⁰⁸）。前向传播时激活值先溢出成 ∞，接着 ∞ − ∞ 得到 NaN，损失变成 NaN，反向传播再把 NaN 传给每一个梯度。下面的提示框指出了出问题的位置。其实远在出现 NaN 之前，爆炸的梯度就已经会让一次更新把权重甩出老远。',

  'story.relu.title': '换个激活函数：ReLU 配合 He 初始化',
  'story.relu.text':
    '第一种办法是改变 f′。ReLU 在单元激活时斜率恰好为 1，未激活时为 0。大约一半的单元处于未激活状态，所以 He 初始化把权重取得比 Xavier 大 √2 倍（方差为 2/fan-in），补上缺失的这一半。深度与第 2 幕相同，也是 20 层。',
  'story.relu.question': '现在传到第 0 层的梯度还剩多少？',
  'story.relu.why':
    '平均来看，每一步把梯度的平方乘上 2 × ½ = 1，既不会系统性地缩小，也不会系统性地增大：第 0 层收到的梯度是顶层的 {ratio_plain} 倍。在有限宽度下，这个乘积在不同的随机抽样之间仍会浮动一个数量级左右，不妨换个种子试试。',

  'story.batchnorm.title': '批归一化（BatchNorm）',
  'story.batchnorm.text':
    '第二种办法是改变每一层看到的分布。批归一化在激活之前，把每个 zᵢ 在一个批次上归一化为均值 0、方差 1。这仍是第 2 幕的那条 sigmoid 链，权重完全相同，只是加上了 BatchNorm。',
  'story.batchnorm.question': '现在传到第 0 层的梯度还剩多少？',
  'story.batchnorm.why':
    'BatchNorm 减去批次均值，再除以批次标准差 σᵢ，让 z 留在 sigmoid 最陡的中段，而不是平坦的两端。反向时，梯度也要除以同一个 σᵢ。这条链里 sigmoid 的输出在批次内变化不大，σᵢ 很小，1/σᵢ 正好弥补了 f′ ≤ 1/4 带来的损失。现在这条链{change_plain}：第 0 层收到的梯度是顶层的 {ratio_plain} 倍。',

  'story.residual.title': '残差捷径：同样的权重',
  'story.residual.text':
    '回到第 2 幕的普通 sigmoid 链。旁边是一条权重完全相同的残差链，每一层都把输出加回到输入上：hᵢ₊₁ = hᵢ + α·f(zᵢ)。反向传播时，这条捷径把每一步的因子从 w·f′ 变成了 1 + α·w·f′。',
  'story.residual.question': '传到残差链第 0 层的梯度还剩多少？',
  'story.residual.why':
    'f′ ≤ 1/4，权重又不大，α·w·f′ 只是个小数，于是每个因子都是“1 加一点点”，连乘起来仍接近 1。即使某一层分支的因子接近 0，恒等路径也会把梯度原封不动地传下去。数值完全相同的普通链{change_plain}，残差链则保留了顶层梯度的 {ratio_residual} 倍。',

  'story.alpha.title': '残差链也会爆炸；α = 1/√L 能驯服它',
  'story.alpha.text':
    '捷径并不是万能药。没有归一化时，每个残差块都会把分支的方差叠加到信号上，反向的因子 1 + α·w·f′ 平均也略大于 1。这里是 100 个 α = 1 的 tanh 残差块。',
  'story.alpha.question': '传到这条 100 块残差链第 0 层的梯度会怎样？',
  'story.alpha.why':
    '每个残差块大约把梯度的平方乘上 1 + α²·χᵢ，其中 χᵢ = σ_w²·E[f′(zᵢ)²] 是普通层本来的因子。每一项都不大，但一百项连乘就累积成了爆炸。把每个分支乘上 α = 1/√L，所有 α²·χᵢ 加起来最多约为 1，与深度无关，乘积也就有了上限。',
  'story.alpha.alt': '设 α = 1/√L = {alpha}',

  'story.degradation.title': '梯度健康还不够：退化问题',
  'story.degradation.text':
    '有了 ReLU、He 初始化和 BatchNorm，梯度消失已不再是主要障碍，ResNet 论文的引言里也是这么说的。这里是一条 56 层、用 He 初始化的普通 ReLU 链。',
  'story.degradation.question': '传到第 0 层的梯度还剩多少？',
  'story.degradation.why':
    '梯度完好地传到了底层。可是 ResNet 的作者发现，56 层普通网络最终的训练误差反而比 20 层的高。越深越差，而且差在训练集上，所以这不是过拟合；他们称之为退化（degradation）。残差块只需学习 F(x) = H(x) − x：如果恒等映射就是最优解，只要把 F 推向 0 即可，这比让一叠非线性层去模仿恒等映射容易得多。',
  'story.degradation.link': '到训练实验室亲手训练一浅一深两个网络',

  'story.dense.title': 'DenseNet：每一层都连到后面所有层',
  'story.dense.text':
    'DenseNet 的作者认为，ResNet 之所以有效，是因为捷径缩短了反向传播的路径：损失只需经过更少次乘法就能到达靠前的层。DenseNet 把这个想法推到了极致：每一层都接收它前面所有层的输出，zᵢ = concat(h₀, …, hᵢ)·Wᵢ + bᵢ。这里是一条普通 tanh 链和一条稠密 tanh 链，都是 100 层。',
  'story.dense.question': '传到稠密链第 0 层的梯度还剩多少？',
  'story.dense.why':
    'h₀ 直接连到全部 100 层，所以它的梯度是各种长度路径的总和，其中不少只有一步：∂L/∂h₀ = Σⱼ gⱼ·(Wⱼ^[0])ᵀ。这些短路径不必熬过 100 次连乘。普通链{change_plain}，稠密链则保留了顶层梯度的 {ratio_dense} 倍。',
};
