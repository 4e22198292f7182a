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
  'story.truth.missing': '这一幕问的是{arch}；把它重新加入要显示的架构，才能看到答案。',
  'story.waiting': '正在计算这一幕…',
  'story.change.lost': '缩小了 {n} 个数量级',
  'story.change.gained': '增大了 {n} 个数量级',
  'story.change.kept': '大小基本不变',
  'story.change.nan': '最后变成了 NaN',
  'story.draw.vanish': '这次抽样中，梯度到达底层时已大大减弱：第 0 层只收到顶层梯度的 {ratio}，少了 {decades} 个数量级。',
  'story.draw.stay': '这次抽样中，梯度完好地到达了底层：第 0 层收到的梯度是顶层的 {ratio} 倍。',
  'story.draw.explode': '这次抽样中，梯度到达底层时已膨胀起来：第 0 层收到的梯度是顶层的 {ratio} 倍，多了 {decades} 个数量级。',
  'story.draw.nan': '这次抽样中，梯度根本没能到达底层：它在途中溢出，变成了 NaN。',
  'story.theoryRise': '图中的虚线是平均场理论的预测，它考虑了这一部分：到第 0 层时，虚线是顶层值的 {rise} 倍。',
  'story.callout.title': 'NaN 从哪里来',
  'story.callout.inf': '{arch}：在第 {layer} 层，|{q}| 超过了 float64 能表示的最大数 1.8 × 10³⁰⁸，变成了 ∞。',
  'story.callout.nan': '{arch}：在第 {layer} 层，{q} 变成了 NaN：它的输入已经溢出为 ±∞，而 ∞ − ∞ 不是一个数。',
  'story.callout.growth': '在此之前，信号每经过一层大约放大 {g} 倍。',
  'story.callout.backward': '前向传播一直是有限的；是梯度本身在反向传播途中溢出了。',
  'story.callout.spread': '此后 NaN 进入损失，反向传播再把它带进每一个梯度：一次溢出就毁掉了整个训练步。',
  'story.chain.title': '反向传播：每层只缓存一个数',
  'story.chain.text':
    '反向传播从损失出发，一层一层地往输入方向走。按照链式法则，一个参数的偏导数等于从它到损失的所有路径之和，每条路径贡献沿途各个偏导数的乘积。反向传播为每一层缓存一个数 gᵢ = ∂L/∂zᵢ，供下面一层直接取用，省去了重复计算。这条链有 5 层，每层只有一个 sigmoid 单元。在逐步演示里，每一步都取出缓存的 gᵢ₊₁，乘上局部因子 wᵢ₊₁·f′(zᵢ)，再把得到的 gᵢ 缓存起来。',
  'story.chain.question': '沿着链走回输入、走完这五步之后，梯度变成了什么样？',
  'story.chain.why':
    '每一步都乘上一个因子 wᵢ₊₁·f′(zᵢ)，这里大多数因子都远小于 1，所以五步下来梯度{change_plain}。权重的梯度 ∂L/∂wᵢ = gᵢ·hᵢ 也跟着缩小：靠前的几层几乎学不到东西。',

  'story.sigmoid.title': 'sigmoid 的斜率最大只有 1/4',
  'story.sigmoid.text':
    'sigmoid 的导数 σ′(z) = σ(z)·(1 − σ(z)) 在 z = 0 处取到最大值 1/4，往两边都趋近于 0。这条链有 20 层，每层 16 个单元，权重用 Xavier 初始化；单看权重，Xavier 初始化能让信号经过一层后大小基本不变。',
  'story.sigmoid.question': '传到第 0 层的梯度还剩多少？',
  'story.sigmoid.why':
    '每一步都要乘上 w·f′(z)，而 f′ 永远不超过 1/4。但这并不等于每一层都把梯度缩小到 1/4 以下：某一层的权重恰好偏大时，传下去的梯度就可能超过原来的 1/4（这次抽样中，单层增益最大为 {maxGain_plain}；在种子 1–50 中，约有四分之一的层超过 1/4）。真正有上界的是均方：对权重取平均，每一层把梯度的平方乘上 χ = n·Var(w)·E[σ′(z)²]（n 为宽度），Xavier 权重的 n·Var(w) = 1，所以 χ ≤ 1/16。20 层下来，均方缩小到原来的 1/16²⁰ ≈ 10⁻²⁴ 以下，它的平方根则缩小到 1/4²⁰ ≈ 10⁻¹² 以下。这里梯度{change_plain}。前几层的权重梯度 hᵢᵀ·gᵢ 同样微乎其微，这些层几乎训练不动。',

  'story.explode.title': '权重太大：先爆炸，再变成 NaN',
  'story.explode.text':
    '现在反过来。权重是 Xavier 的 8 倍（标准差为 2），也没有任何东西把它压下来：f 是恒等映射，f′ = 1。前向时每一层把信号放大约 8 倍，反向时也把梯度放大约 8 倍。这条链有 400 层。',
  'story.explode.question': '第 0 层的梯度会是什么样？',
  'story.explode.why':
    '8⁴⁰⁰ ≈ 10³⁶¹，远远超出 float64 能表示的最大数（约 1.8 × 10³⁰⁸）。前向传播时激活值先溢出成 ∞，接着 ∞ − ∞ 得到 NaN，损失变成 NaN，反向传播再把 NaN 传给每一个梯度。下面的提示框指出了出问题的位置。其实远在出现 NaN 之前，爆炸的梯度就已经会让一次更新把权重甩出老远。',

  'story.relu.title': '换个激活函数：ReLU 配合 He 初始化',
  'story.relu.text':
    '第一种办法是改变 f′。ReLU 在单元激活时斜率恰好为 1，未激活时为 0。大约一半的单元处于未激活状态，所以 He 初始化取的权重是 Xavier 的 √2 倍（方差为 2 除以扇入），以补上缺失的这一半。深度与第 2 幕相同，也是 20 层。',
  'story.relu.question': '现在传到第 0 层的梯度还剩多少？',
  'story.relu.why':
    '教科书上的推理是：He 权重让方差翻倍，ReLU 让大约一半的单元通过，所以每一步把梯度平方的期望乘上 2 × ½ = 1。这一步假定梯度与前向信号互不相关。用 mse 损失时并非如此：顶层梯度（输出 − 目标）里含有输出本身，这一部分在反向传播途中不断增大，于是均方随深度上升。{theoryRise_plain}单次抽样未必跟着均值走。{draw_plain}多换几个种子试试：大多数抽样的梯度变化都在 10 倍以内，但也有例外。',

  'story.batchnorm.title': '批归一化（BatchNorm）',
  'story.batchnorm.text':
    '第二种办法是改变每一层看到的分布。批归一化在激活之前，把每个 zᵢ 在一个批次上归一化为均值 0、方差 1。这仍是第 2 幕的那条 sigmoid 链，权重完全相同，只是加上了 BatchNorm。',
  'story.batchnorm.question': '现在传到第 0 层的梯度还剩多少？',
  'story.batchnorm.why':
    'BatchNorm 减去批次均值，再除以批次标准差 σᵢ，让 z 留在 sigmoid 最陡的中段，而不是平坦的两端。反向时，梯度也要除以同一个 σᵢ。这条链里 sigmoid 的输出在批次内变化不大，σᵢ 很小，1/σᵢ 足以抵消 f′ ≤ 1/4 造成的衰减，甚至绰绰有余。现在梯度{change_plain}：第 0 层收到的梯度是顶层的 {ratio_plain} 倍，平均每层乘以 {perLayer_plain}。不过 BatchNorm 也不是万能药：在普通链中，它本身就会让初始化时的梯度随深度指数增长，无论用哪种激活函数都一样（Yang 等，2019）。层数少时看不出来，到两百层左右就藏不住了。',
  'story.batchnorm.alt': '加深到 {depth} 层',

  'story.residual.title': '残差捷径：同样的权重',
  'story.residual.text':
    '回到第 2 幕的普通 sigmoid 链。旁边是一条权重完全相同的残差链，每一层都把输出加回到输入上：hᵢ₊₁ = hᵢ + α·f(zᵢ)。反向传播时，这条捷径把每一步的因子从 w·f′ 变成了 1 + α·w·f′。',
  'story.residual.question': '传到残差链第 0 层的梯度还剩多少？',
  'story.residual.why':
    'f′ ≤ 1/4，权重又不大，α·w·f′ 是个很小的数，于是每个因子都是“1 加一点点”，连乘起来仍接近 1。即使某一层分支的因子接近 0，恒等路径也会把梯度原封不动地传下去。数值完全相同的普通链{change_plain}，残差链则保留了顶层梯度的 {ratio_residual} 倍。',

  'story.alpha.title': '残差链也会爆炸；α = 1/√L 能驯服它',
  'story.alpha.text':
    '捷径并不是万能药。没有归一化时，每个残差块都会把分支的方差叠加到信号上。反向传播时，每个块把梯度乘上 1 + α·w·f′。对 tanh 来说，这些因子的平均值恰好是 1，因为 w 与 −w 出现的机会相同，而 f′ 是偶函数；但它们的平方平均约为 1 + α²·χ > 1，而梯度的大小正是由这些平方累积而成。这里是 100 个 α = 1 的 tanh 残差块。',
  'story.alpha.question': '传到这条 100 块残差链第 0 层的梯度会怎样？',
  'story.alpha.why':
    '每个残差块大约把梯度的平方乘上 1 + α²·χᵢ，其中 χᵢ = （扇入 × Var w）·E[f′(zᵢ)²] 是普通层本来的因子。每一项都不大，但一百项连乘就累积成了爆炸。把每个分支乘上 α = 1/√L，所有 α²·χᵢ 加起来最多约为 1，与深度无关，乘积也就有了上限。',
  'story.alpha.alt': '设 α = 1/√L = {alpha}',

  'story.degradation.title': '梯度健康还不够：退化问题',
  'story.degradation.text':
    'ResNet 论文的引言指出，梯度消失和爆炸的问题已经在很大程度上被归一化的初始化和中间的归一化层解决了，很深的普通网络也能开始收敛。这里是一条 56 层的普通 ReLU 链，用 He 初始化（一种归一化的初始化），不加归一化层。',
  'story.degradation.question': '传到第 0 层的梯度还剩多少？',
  'story.degradation.why':
    '{draw_plain}ResNet 的作者在普通网络里用了 BatchNorm，也确认了梯度的范数是健康的；即便如此，56 层普通网络最终的训练误差仍然比 20 层的高（论文图 1）。越深越差，而且差在训练集上，所以这不是过拟合；他们称之为退化（degradation）。残差块只需学习 F(x) = H(x) − x：如果恒等映射就是最优解，只要把 F 推向 0 即可，这比让一叠非线性层去模仿恒等映射容易得多。',
  'story.degradation.link': '到训练实验室亲手训练一浅一深两个网络',

  'story.dense.title': 'DenseNet：每一层都连到后面所有层',
  'story.dense.text':
    'DenseNet 的作者认为，ResNet 之所以有效，是因为捷径缩短了反向传播的路径：损失只需经过更少次乘法就能到达靠前的层。DenseNet 把这个想法推到了极致：每一层都接收它前面所有层的输出，zᵢ = concat(h₀, …, hᵢ)·Wᵢ + bᵢ。这里是一条普通 tanh 链和一条稠密 tanh 链，都是 100 层。',
  'story.dense.question': '传到稠密链第 0 层的梯度还剩多少？',
  'story.dense.why':
    'h₀ 直接连到全部 100 层，所以它的梯度是各种长度路径的总和，其中不少只有一步：∂L/∂h₀ = Σⱼ gⱼ·(Wⱼ^[0])ᵀ。这些短路径不必熬过 100 次连乘。普通链{change_plain}，稠密链则保留了顶层梯度的 {ratio_dense} 倍。',

  'story.edge.title': '混沌边缘：梯度能在哪里保留',
  'story.edge.text':
    '下方的相图一次画出整个参数平面：横轴是初始化缩放，纵轴是深度，每一格表示顶层梯度传到第 0 层后还剩多少（紫色：消失，橙色：爆炸，浅色：保留）。虚线是 χ = n·Var(w)·E[f′(z)²] = 1（n 为宽度），即混沌边缘：在这里，每一层平均来说让梯度的平方大小不变。对没有偏置的 tanh，它位于缩放 1 处。这条链有 50 层 tanh，缩放为 0.8，只比虚线低 20 %。',
  'story.edge.question': '传到第 0 层的梯度还剩多少？',
  'story.edge.why':
    '按屏幕上当前的缩放，梯度{change_plain}。缩放为 0.8 时 χ ≤ 0.64（tanh′ 不超过 1），所以每层大约把梯度乘以 √χ ≤ 0.8，50 层连乘下来约为 0.8⁵⁰ ≈ 10⁻⁵。任何 χ ≠ 1 都会被取 L 次方，所以图上的浅色带紧贴着虚线，而且网络越深越窄。正好在线上时，衰减不再是指数式的，而是缓慢的：理论预测，缩放为 1 的 tanh 链经过 1000 层约损失 1.5 个数量级（仍超过本应用称为“存活”的 ×10 范围，但远不及缩放为 0.8 时预测的 10⁻⁹⁷）。',
  'story.edge.alt': '移到虚线上：缩放 {scale}',

  'story.isometry.title': '动力等距：为什么 1000 层的网络需要正交权重',
  'story.isometry.text':
    '一千层 tanh，每层 16 个单元，初始化缩放为 1：正好在 χ = 1 的虚线上，平均场理论在这里预测梯度只会缓慢衰减，而不是指数式衰减：1000 层下来约损失 1.5 个数量级。权重服从高斯分布（Xavier）。',
  'story.isometry.question': '传到第 0 层的梯度还剩多少？',
  'story.isometry.why':
    '按屏幕上当前的权重，梯度{change_plain}。高斯权重只在平均意义下保持 χ = 1：高斯层严格保持 E‖v·W‖² = ‖v‖²，但典型的长度会缩小。‖v·W‖²/‖v‖² 是自由度为 W 的 χ² 变量除以 W，它的对数平均为 ψ(W/2) − ln(W/2) ≈ −1/W，W = 16 时约为 −0.064。长度取一半，再累加 1000 层，平均就是 e⁻³² ≈ 10⁻¹⁴，还没算 tanh 自身的斜率。用高斯权重时，雅可比谱面板逐个方向地显示了这一点：从 h₀ 到顶层的雅可比矩阵的奇异值散布在许多个数量级上。正交矩阵严格保持每个向量的长度，所以用正交权重时只剩下 f′ ≤ 1 的影响：梯度只会因 tanh 的斜率而缩小，永远不会变大，居中 80 % 的奇异值彼此相差也只在两个数量级左右。在这个深度，这只是集中，还不是等距：每个 σ 都小于 0.1。动力等距（Pennington、Schoenholz 与 Ganguli，2017）要求所有奇异值都接近 1，它正是建立在这种集中之上。',
  'story.isometry.alt': '改用正交权重',
};
