/** The Simplified Chinese side of ./scenes.ts (loaded only when the page is shown in Chinese; see ./index.ts). */
import type { scenesEn } from './scenes';

export const scenesZh: Record<keyof typeof scenesEn, string> = {
  'story.region': '导览故事',
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
    '每个残差块大约把梯度的平方乘上 1 + α²·χᵢ，其中 χᵢ = （扇入 × Var w）·E[f′(zᵢ)²] 是普通层本来的因子。每一项都不大，但一百项连乘就累积成了爆炸。把每个分支乘上 α = 1/√L，所有 α²·χᵢ 加起来最多约为 1，与深度无关，乘积也就有了上限。',
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
