/**
 * Helper of tests/e2e/crossengine.e2e.mjs (bundled by esbuild into the page): the lab's comparison from the core,
 * with the CLI's way of reading a query (src/cli/train.ts, minus its Node-only imports).
 */
import { queryToRecord } from '../../src/core/config';
import { decodeTrainConfig, type TrainConfig } from '../../src/core/train/config';

export { finalLoss, trainComparison } from '../../src/core/train/loop';

/** The lab keys of a query string, decoded strictly as `npm run train -- --query` does. */
export function trainConfigFromQuery(query: string): TrainConfig {
  return decodeTrainConfig(queryToRecord(query), 'strict', ['view']).config;
}
