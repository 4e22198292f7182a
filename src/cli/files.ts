/**
 * The CLI's file access, made safe against what a path can point at: a config is read with a size bound (a device
 * such as /dev/zero or an endless FIFO never ends), and the --dump-params file is replaced atomically (written to a
 * temporary file in the same folder, then renamed), so a failed write leaves the old file as it was.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The largest config file read: a config is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 1 << 20;

/** A file too large to be a config (or a device / FIFO that does not end). */
export class TooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/**
 * The file's text (UTF-8), reading at most `limit` bytes: one more byte than that throws {@link TooLargeError}.
 * A regular file is judged by its size before reading; devices and FIFOs by what they yield.
 */
export function readBounded(path: string, limit = MAX_CONFIG_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > limit) throw new TooLargeError(limit);
    const buf = Buffer.alloc(limit + 1);
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n > limit) throw new TooLargeError(limit);
    }
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** The file system calls {@link writeFileAtomic} makes (injectable so tests can make a write fail). */
export interface WriteFS {
  openSync: (path: string, flags: string, mode?: number) => number;
  writeSync: (fd: number, s: string) => number;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  unlinkSync: (path: string) => void;
}

const NODE_WRITE_FS: WriteFS = { openSync, writeSync: (fd, s) => writeSync(fd, s), closeSync, renameSync, unlinkSync };

/** The file a path names in the end (symlinks followed), or the path itself when it does not exist yet. */
function finalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** True when path names something other than a regular file (a device, a FIFO): it cannot be replaced by rename. */
function isSpecial(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile();
  } catch {
    return false;
  }
}

/** Write chunks to fd, batched into ~1 MB writes (a dump yields one chunk per matrix row). */
function writeAll(fs: WriteFS, fd: number, chunks: Iterable<string>): void {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length >= 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  if (buf) fs.writeSync(fd, buf);
}

/**
 * Replace `path` by the concatenation of `chunks`: written to a new temporary file beside it, then renamed over it.
 * On any failure the temporary file is removed, the old file is untouched and the error is rethrown. A device or
 * FIFO (e.g. /dev/stdout) is written in place: there is nothing to replace.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string>, fs: WriteFS = NODE_WRITE_FS): void {
  const target = finalPath(path);
  if (isSpecial(target)) {
    const fd = fs.openSync(target, 'w');
    try {
      writeAll(fs, fd, chunks);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  // 'wx': never follow or reuse something already at the temporary name.
  const fd = fs.openSync(tmp, 'wx', 0o666);
  let done = false;
  try {
    try {
      writeAll(fs, fd, chunks);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    done = true;
  } finally {
    if (!done) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // Already gone: nothing left behind.
      }
    }
  }
}

/** True when both paths name the very same existing file (same device and inode: symlinks and hard links too). */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
