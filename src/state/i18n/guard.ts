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
