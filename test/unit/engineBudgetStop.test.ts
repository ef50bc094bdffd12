// What the engine does when the budget runs out while other requests are in flight. Those were
// reserved within the limit and may already be billed: they must be allowed to finish and become
// samples, not be aborted (an aborted attempt is spent and its answer thrown away). A scripted
// client makes the timing exact: three attempts wait on a gate while the fourth times out and its
// retry finds the budget spent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BudgetLedger } from '../../src/core/budget/ledger.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { createSessionState } from '../../src/core/journal/reduce.ts';
import type { AttemptMeter, ChatClient, ChatRequest, ChatResult } from '../../src/core/model/chat.ts';
import { ChatError } from '../../src/core/model/errors.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';
import { waitFor } from '../support/engineCli.ts';
import { seedFileText } from '../support/seedFixtures.ts';

const ENDPOINT = 'http://teacher.invalid/v1';

function result(request: ChatRequest): ChatResult {
  return { content: `Worked out.\n#### ${request.messages.length}`, refusal: null, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 }, model: request.model, requestId: null, attempts: 1, latencyMs: 1 };
}

/** The first call times out and retries; every other call waits for `open()` (or an abort). */
class ScriptedClient implements ChatClient {
  reserved = 0;
  calls = 0;
  retryRefused: unknown = null;
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  open(): void {
    this.release();
  }

  async complete(request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult> {
    const call = ++this.calls;
    await meter.beforeAttempt();
    this.reserved++;
    if (call === 1) {
      // Times out once everyone else holds a reservation; the retry then finds none left.
      await waitFor(() => this.reserved === 4, 'the other three attempts to be reserved', 2000, 1);
      await meter.afterAttempt({ kind: 'uncertain', reason: 'timeout' });
      try {
        await meter.beforeAttempt();
      } catch (error) {
        this.retryRefused = error;
        throw error;
      }
      throw new Error('the retry must not get a reservation');
    }
    const aborted = await new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(true);
      signal.addEventListener('abort', () => resolve(true), { once: true });
      void this.gate.then(() => resolve(false));
    });
    if (aborted) {
      await meter.afterAttempt({ kind: 'uncertain', reason: 'aborted' });
      throw new ChatError('aborted', 'The request was cancelled.');
    }
    await meter.afterAttempt({ kind: 'completed', status: 200 });
    return result(request);
  }
}

describe('the budget running out with requests in flight', () => {
  it('lets the requests in flight finish and keeps their answers', async () => {
    const seeds = indexSeedText(seedFileText(4)).seeds;
    const memory = new MemoryJournal();
    const journal = createLiveJournal(memory, createSessionState());
    const ledger = BudgetLedger.withLimits({ teacher: 0, augmenter: 0 });
    const client = new ScriptedClient();
    const run = new GenerationRun(
      {
        seedFile: 'seeds.jsonl', seeds, strategy: 'answer-augmentation', limits: { teacher: 4, augmenter: 4 },
        teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 't', endpoint: ENDPOINT }, concurrency: 4,
      },
      { clients: { teacher: client, augmenter: client }, session: { journal, ledger } },
    );
    const finishing = run.start();
    await waitFor(() => client.retryRefused !== null, 'the retry to be refused', 2000, 1);
    // Give a wrong abort every chance to land before the answers come back.
    await new Promise((resolve) => setTimeout(resolve, 30));
    client.open();
    const finished = await finishing;

    assert.equal((client.retryRefused as ChatError).kind, 'budget-exhausted');
    assert.equal(finished.reason, 'budget');
    const aborted = memory.events.filter((e) => e.type === 'settle' && e.outcome.kind === 'uncertain' && e.outcome.reason === 'aborted').length;
    assert.equal(aborted, 0, 'no attempt in flight was aborted because the budget ran out');
    assert.deepEqual({ spent: finished.ledger.teacher.spent, completed: finished.ledger.teacher.completed, uncertain: finished.ledger.teacher.uncertain }, { spent: 4, completed: 3, uncertain: 1 });
    assert.equal(finished.samplesAdded, 3, 'the three answers in flight became samples');
  });
});
