/**
 * Printing a CLI result: stdout, stderr and the exit code, shared by `analyze` and `train`. A stdout that cannot
 * be written (a full disk, >/dev/full) is one line on stderr and exit code 2, not a stack trace; a closed pipe
 * (`… | head`) stays quiet, as the reader chose to stop.
 */
import { safeLine } from '../core/quote';

export interface PrintedResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** The one stderr line for a failed stdout write, or null for a closed pipe. */
export function stdoutFailureLine(prog: string, e: NodeJS.ErrnoException): string | null {
  if (e.code === 'EPIPE') return null;
  return `${prog}: ${safeLine(`cannot write the output to stdout (${e.code ?? e.message})`)}\n`;
}

/** Write r to the process's streams and set its exit code (process.exitCode, so a piped stdout drains first). */
export function emit(prog: string, r: PrintedResult, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): void {
  let failed = false;
  const onError = (e: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    const line = stdoutFailureLine(prog, e);
    if (line === null) return;
    err.write(line);
    process.exitCode = 2;
  };
  // Files report a failed write as an 'error' event; be ready for a synchronous throw as well.
  out.on('error', onError);
  process.exitCode = r.code;
  if (r.stdout) {
    try {
      out.write(r.stdout);
    } catch (e) {
      onError(e as NodeJS.ErrnoException);
    }
  }
  if (r.stderr) err.write(r.stderr);
}
