/**
 * `npm run analyze`: the core headless. A thin shell over {@link runAnalyzeCli}: real files, stdout, stderr and the
 * exit code. `npm run -s analyze -- --help` prints the usage.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { runAnalyzeCli, type CliIO } from './run';

/** Batch chunks into ~1 MB writes: a dump yields one chunk per matrix row. */
function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let buf = '';
    for (const c of chunks) {
      buf += c;
      if (buf.length >= 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf) writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

const nodeIO: CliIO = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: writeChunks,
};

function main(): void {
  // A closed pipe (`… | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const r = runAnalyzeCli(process.argv.slice(2), nodeIO);
  // process.exitCode (not exit()) lets a piped stdout drain before the process ends.
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

main();
