// The request bodies a SeedSmith run sends, captured by running it: the same GenerationRun and chat
// client as runSeedSmith, over an in-memory journal, with a fetch that records each body and
// answers at once. A yardstick that sends bodies it builds itself sends other ones: SeedSmith's
// Answer Augmentation shows the teacher a few seed pairs as examples (2,000 bytes a request on the
// bench's seeds), a body built from the question alone has none (850 bytes), and every byte is
// work for the client that serializes and sends it and for the teacher that parses it.
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ledgerFromState } from '../src/core/budget/rebuild.ts';
import { GenerationRun } from '../src/core/engine/runGeneration.ts';
import { createSessionState } from '../src/core/journal/reduce.ts';
import type { JournalSink } from '../src/core/journal/sink.ts';
import type { Seed } from '../src/core/seeds/index.ts';
import { createLiveJournal } from '../src/core/session/liveJournal.ts';
import { createChatClient } from '../src/teacher/index.ts';
import { TEACHER_MODEL } from './seedsmithRun.ts';

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
  const journal = createLiveJournal(MEMORY_ONLY, state);
  // The client settings of runSeedSmith (the CLI's defaults): the same body quirks.
  const client = createChatClient({ baseURL: NOWHERE, apiKey: 'sk-bench', timeoutMs: 60_000, maxRetries: 2, maxConcurrency: concurrency, fetch: recordingFetch });
  const model = { model: TEACHER_MODEL, endpoint: NOWHERE };
  const run = new GenerationRun(
    {
      seedFile: '/bench/seeds.jsonl',
      seeds,
      strategy: 'answer-augmentation',
      limits: { teacher: seeds.length, augmenter: seeds.length },
      teacher: model,
      augmenter: model,
      concurrency,
    },
    { clients: { teacher: client, augmenter: client }, session: { journal, ledger: ledgerFromState(state) } },
  );
  const finished = await run.start();
  if (bodies.length !== seeds.length) throw new Error(`sentBodies: the run ended "${finished.reason}" having sent ${bodies.length} of ${seeds.length} requests`);
  return bodies;
}
