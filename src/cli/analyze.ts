/**
 * `npm run analyze`: the core headless. A thin shell over {@link runAnalyzeCli}: real files, stdout, stderr and the
 * exit code. `npm run -s analyze -- --help` prints the usage.
 */
import { emit } from './emit';
import { nodeIO } from './nodeIO';
import { runAnalyzeCli } from './run';

emit('analyze', runAnalyzeCli(process.argv.slice(2), nodeIO));
