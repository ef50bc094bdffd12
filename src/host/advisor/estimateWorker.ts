// The strategy estimates' own thread (bundled as dist/estimateWorker.js). Counting the tokens of
// rendered prompts takes from milliseconds to seconds depending on the seeds, and none of it may
// run on the extension host's thread, which serves every extension and every keystroke. The
// tokenizer's tables are loaded here, on the first job, from their own bundle.
import { parentPort } from 'node:worker_threads';
import type { StrategyEstimate } from '../../core/advisor/estimate.ts';
import { estimateStrategies } from '../../core/advisor/estimate.ts';
import { STRATEGY_IDS } from '../../core/samples/sample.ts';
import type { EstimateView } from '../../shared/protocol.ts';
import type { EstimateJob, EstimateReply } from './estimateJob.ts';

async function estimate(job: EstimateJob): Promise<readonly EstimateView[]> {
  const { tokenCounterFor } = await import('../../core/advisor/tokenizers.ts');
  const all = estimateStrategies({ ...job, counters: { teacher: tokenCounterFor(job.options.teacherModel), augmenter: tokenCounterFor(job.options.augmenterModel) } });
  return STRATEGY_IDS.map((id) => viewOf(all[id]));
}

function viewOf(estimate: StrategyEstimate): EstimateView {
  const cost = estimate.cost.priced ? { low: estimate.cost.low, high: estimate.cost.high, message: null } : { low: null, high: null, message: estimate.cost.message };
  return {
    strategy: estimate.strategy,
    samples: estimate.samples,
    teacherQueries: estimate.teacherQueries,
    augmenterCalls: estimate.augmenterCalls,
    inputTokens: { low: estimate.inputTokens.low, high: estimate.inputTokens.high },
    outputTokens: { low: estimate.outputTokens.low, high: estimate.outputTokens.high },
    cost,
  };
}

const port = parentPort;
if (!port) throw new Error('estimateWorker runs as a worker thread');
port.on('message', (job: EstimateJob) => {
  estimate(job).then(
    (estimates) => port.postMessage({ id: job.id, estimates } satisfies EstimateReply),
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies EstimateReply),
  );
});
