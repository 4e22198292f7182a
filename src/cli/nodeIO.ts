/** The CLI's real file access (the tests of src/cli/run.ts use an in-memory one, or this one on a temporary folder). */
import { readBounded, sameFile, writeFileAtomic } from './files';
import type { CliIO } from './run';

export const nodeIO: CliIO = {
  readFile: (path) => readBounded(path),
  writeFile: (path, chunks) => writeFileAtomic(path, chunks),
  sameFile,
};
