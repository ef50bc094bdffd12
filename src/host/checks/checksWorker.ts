// The automatic checks' own thread (bundled as dist/checksWorker.js). Checking a large session
// takes seconds, and none of it may run on the extension host's thread, which serves every
// extension and every keystroke. The worker keeps its indexes between batches, so each batch
// costs only its new samples.
import { parentPort } from 'node:worker_threads';
import { IncrementalChecks } from '../../core/checks/incrementalChecks.ts';
import type { SampleEntry } from '../../core/checks/incrementalChecks.ts';
import type { ChecksJob, ChecksReply } from './checksJob.ts';

const port = parentPort;
if (!port) throw new Error('checksWorker runs as a worker thread');

/** Results per reply message (see the reply below). */
const REPLY_PART = 500;

let generation = -1;
let checks = new IncrementalChecks(null);
let parts: SampleEntry[] = [];

port.on('message', (job: ChecksJob) => {
  if (job.kind === 'reset') {
    generation = job.generation;
    checks = new IncrementalChecks(job.seeds);
    parts = [];
    return;
  }
  // Parts of a generation that was reset since are stale.
  if (job.generation !== generation) return;
  for (const entry of job.entries) parts.push(entry);
  if (!job.last) return;
  const batch = parts;
  parts = [];
  try {
    const results = [...checks.add(batch)];
    // In parts: the host reads each message on its own thread, and one message of 100,000
    // samples' results held it for tens of milliseconds (a keystroke's frame, several times over).
    for (let start = 0; start < results.length || start === 0; start += REPLY_PART) {
      port.postMessage({ generation, results: results.slice(start, start + REPLY_PART), last: start + REPLY_PART >= results.length } satisfies ChecksReply);
    }
  } catch (error) {
    port.postMessage({ generation, error: error instanceof Error ? error.message : String(error) } satisfies ChecksReply);
  }
});
