/** The Simplified Chinese side of ./guard.ts (loaded only when the page is shown in Chinese; see ./index.ts). */
import type { guardEn } from './guard';

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
