/** Strings of the size guard: too large to hold in memory, or long enough to ask first (src/state/sizeGuard.ts). */
export const guardEn = {
  'guard.memory.title': 'This network is too large to compute here.',
  'guard.memory.body':
    'Depth {depth} × width {width} × batch {batch} ({archs}) would need about {need} MB of memory; this page computes at most {limit} MB at a time.',
  'guard.memory.options': 'Step back to the largest size that fits:',
  'guard.memory.none': 'Lower the depth, width or batch to continue.',
  'guard.time.title': 'This would take about {s} s to compute.',
  'guard.time.body': 'The estimate comes from how fast this device computed the last networks. The page stays usable while it runs in the background.',
  'guard.time.go': 'Compute anyway (about {s} s)',
  'guard.time.options': 'Or step back to a size that takes under {limit} s:',
  'guard.use': 'Use {sizes}',
  'guard.size.depth': 'depth {value}',
  'guard.size.width': 'width {value}',
  'guard.size.batch': 'batch {value}',
  'guard.sep': ', ',
  'status.busyEta': 'Computing in the background, about {s} s…',
} as const;

export const guardZh: Record<keyof typeof guardEn, string> = {
  'guard.memory.title': '这个网络太大，无法在这里计算。',
  'guard.memory.body': '深度 {depth} × 宽度 {width} × 批大小 {batch}（{archs}）大约需要 {need} MB 内存，而本页面一次最多计算 {limit} MB。',
  'guard.memory.options': '退回到放得下的最大规模：',
  'guard.memory.none': '请减小深度、宽度或批大小后再继续。',
  'guard.time.title': '这次计算大约需要 {s} 秒。',
  'guard.time.body': '这个估计来自本设备刚才计算其他网络的速度。计算在后台进行，期间页面照常可用。',
  'guard.time.go': '仍然计算（约 {s} 秒）',
  'guard.time.options': '或者退回到 {limit} 秒内能算完的规模：',
  'guard.use': '改用{sizes}',
  'guard.size.depth': '深度 {value}',
  'guard.size.width': '宽度 {value}',
  'guard.size.batch': '批大小 {value}',
  'guard.sep': '，',
  'status.busyEta': '正在后台计算，约需 {s} 秒…',
};
