// The request bodies a SeedSmith run sends, captured by running it: the run runSeedSmith makes
// (benchRun), over an in-memory journal, with a fetch that records each body and
// answers at once. A yardstick that sends bodies it builds itself sends other ones: SeedSmith's
// Answer Augmentation shows the teacher a few seed pairs as examples (2,000 bytes a request on the
// bench's seeds), a body built from the question alone has none (850 bytes), and every byte is
// work for the client that serializes and sends it and for the teacher that parses it.
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ledgerFromState } from '../src/core/budget/rebuild.ts';
import { createSessionState } from '../src/core/journal/reduce.ts';
import type { JournalSink } from '../src/core/journal/sink.ts';
import type { Seed } from '../src/core/seeds/index.ts';
import { createLiveJournal } from '../src/core/session/liveJournal.ts';
import { benchRun, TEACHER_MODEL } from './seedsmithRun.ts';

/** Where the requests pretend to go: nothing listens, the recording fetch answers. */
const NOWHERE = 'http://127.0.0.1:9/v1';

const ANSWER = JSON.stringify({
  id: 'chatcmpl-recorded',
  object: 'chat.completion',
  created: 0,
  model: TEACHER_MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Recorded.\n#### 1' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

const MEMORY_ONLY: JournalSink = { append: async () => {}, close: async () => {} };

/** One Answer Augmentation run over the seeds (budget: one query each); its request bodies in the order sent. */
export async function sentBodies(seeds: readonly Seed[], concurrency: number): Promise<ChatCompletionCreateParamsNonStreaming[]> {
  const bodies: ChatCompletionCreateParamsNonStreaming[] = [];
  const recordingFetch = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (typeof init?.body !== 'string') throw new Error('sentBodies: the SDK sent a body that is not a JSON string');
    bodies.push(JSON.parse(init.body) as ChatCompletionCreateParamsNonStreaming);
    return new Response(ANSWER, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const state = createSessionState();
  const session = { journal: createLiveJournal(MEMORY_ONLY, state), ledger: ledgerFromState(state) };
  const run = benchRun({ url: NOWHERE, seeds, budget: seeds.length, concurrency, seedFile: '/bench/seeds.jsonl', session, fetch: recordingFetch });
  const finished = await run.start();
  if (bodies.length !== seeds.length) throw new Error(`sentBodies: the run ended "${finished.reason}" having sent ${bodies.length} of ${seeds.length} requests`);
  return bodies;
}
