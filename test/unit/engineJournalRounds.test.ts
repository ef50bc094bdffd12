// A bought completion's journal line is not waited for (issue 12, item 3: fewer journal rounds per
// sample): the completion, the sample made from it and the worker's next reserve go to disk in one
// write and one fsync. What must still hold: an identical request asked before the completion is
// in the cache shares the purchase instead of buying it again, and a completion that cannot be
// journaled stops the run the way a sample that cannot be journaled does.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import { createSessionModelCaller } from '../../src/core/engine/sessionModelCaller.ts';
import { GenerationRun } from '../../src/core/engine/runGeneration.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { AppendOptions, JournalSink } from '../../src/core/journal/sink.ts';
import type { ChatRequest } from '../../src/core/model/chat.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { createLiveJournal } from '../../src/core/session/liveJournal.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { createChatClient } from '../../src/teacher/index.ts';
import { FakeModel } from '../support/engineFakeModel.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

const ENDPOINT = 'http://teacher.invalid/v1';
const PROMPT = { id: 'answer.cot.v1', hash: 'h' } as const;

/** A sink that holds (or fails) completion appends until told; every other append goes through. */
class CompletionGate implements JournalSink {
  readonly memory = new MemoryJournal();
  readonly #held: Array<() => void> = [];
  readonly #mode: 'hold' | 'fail';
  constructor(mode: 'hold' | 'fail') {
    this.#mode = mode;
  }

  async append(event: JournalEvent, opts?: AppendOptions): Promise<void> {
    if (event.type === 'completion') {
      if (this.#mode === 'fail') throw new Error('disk full (test)');
      await new Promise<void>((resolve) => this.#held.push(resolve));
    }
    await this.memory.append(event, opts);
  }

  release(): void {
    for (const go of this.#held.splice(0)) go();
  }

  get held(): number {
    return this.#held.length;
  }

  close(): Promise<void> {
    return this.memory.close();
  }
}

describe('journal rounds per sample', { timeout: 20_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seeds: readonly Seed[];

  before(async () => {
    dir = await makeTempDir();
    seeds = indexSeedText(seedFileText(12)).seeds;
    teacher = await startTestTeacher({ latencyMs: 2 });
    teacher.learn(seeds);
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  it('writes completion, sample and the next reserve together: one write per sample, not two', async () => {
    const session = await openSession(join(dir.path, 'session'));
    try {
      const client = createChatClient({ baseURL: teacher.url, apiKey: 'sk-test', timeoutMs: 30_000, maxRetries: 0, maxConcurrency: 1 });
      const model = { model: 'teacher-model', endpoint: teacher.url };
      const run = new GenerationRun(
        { seedFile: join(dir.path, 'seeds.jsonl'), seeds, strategy: 'answer-augmentation', limits: { teacher: 12, augmenter: 12 }, teacher: model, augmenter: model, concurrency: 1 },
        { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
      );
      const finished = await run.start();
      assert.equal(finished.reason, 'done', finished.message ?? '');
      assert.equal(finished.samplesAdded, 12);
      const stats = session.journalStats();
      assert.equal(stats.appends, 3 * 12 + 2, 'reserve, completion and sample per sample, plus run-start and run-end');
      // One at a time, each answer comes back in its own turn of the event loop. Waiting for the
      // completion's own write made two rounds per sample (completion; sample + next reserve).
      assert.ok(stats.writes <= 12 + 3, `${stats.writes} writes for 12 samples`);
      assert.ok(stats.syncs <= 12 + 3, `${stats.syncs} fsyncs for 12 samples`);
    } finally {
      await session.close();
    }
    // And the journal on disk reads back whole: every reserve settled by its completion.
    const reread = await openSession(join(dir.path, 'session'));
    try {
      assert.deepEqual(reread.ledger.role('teacher').completed, 12);
      assert.equal(reread.journal.state.samples.size, 12);
      assert.equal(reread.journal.state.cache.size, 12);
    } finally {
      await reread.close();
    }
  });

  it('shares a purchase with an identical request asked before its completion is journaled', async () => {
    const gate = new CompletionGate('hold');
    const state = reduceJournal([]);
    const journal = createLiveJournal(gate, state);
    const model = new FakeModel();
    const ledger = ledgerFromState(state);
    ledger.raiseLimits({ teacher: 5, augmenter: 5 });
    const tracked: Promise<void>[] = [];
    const caller = createSessionModelCaller({
      clients: { teacher: model, augmenter: model },
      journal,
      ledger,
      runId: 'run-1',
      signal: new AbortController().signal,
      attemptIds: (() => {
        let n = 0;
        return () => `run-1.${++n}`;
      })(),
      now: () => new Date(0),
      onSpend: () => {},
      onRetry: () => {},
      trackWrite: (written) => void tracked.push(written),
    });
    const request: ChatRequest = { role: 'teacher', model: 'm', messages: [{ role: 'user', content: 'Question: 2 + 2?' }], sampling: { temperature: 0.7, maxTokens: 64, seed: 1 } };
    const first = await caller.callWithReceipt(request, PROMPT);
    assert.equal(first.receipt.bought, true);
    assert.equal(gate.held, 1, 'the completion is not journaled yet');
    assert.equal(state.cache.size, 0);
    const second = await caller.callWithReceipt(request, PROMPT);
    assert.equal(second.receipt.bought, false, 'shared, not bought again');
    assert.equal(model.served, 1);
    assert.equal(second.result.content, first.result.content);
    gate.release();
    await Promise.all(tracked);
    assert.equal(state.cache.size, 1);
    const third = await caller.callWithReceipt(request, PROMPT);
    assert.equal(third.receipt.bought, false, 'served from the cache');
    assert.equal(model.served, 1);
  });

  it('stops the run when a completion cannot be journaled, as for a sample', async () => {
    const gate = new CompletionGate('fail');
    const state = reduceJournal([]);
    const session = { journal: createLiveJournal(gate, state), ledger: ledgerFromState(state) };
    const model = new FakeModel();
    const run = new GenerationRun(
      { seedFile: 'seeds.jsonl', seeds, strategy: 'answer-augmentation', limits: { teacher: 12, augmenter: 12 }, teacher: { model: 't', endpoint: ENDPOINT }, augmenter: { model: 'a', endpoint: ENDPOINT }, concurrency: 1 },
      { clients: { teacher: model, augmenter: model }, session },
    );
    const finished = await run.start();
    assert.equal(finished.reason, 'failed', JSON.stringify(finished));
    assert.match(finished.message ?? '', /disk full \(test\)/, 'the run says why');
    assert.ok(model.served < 12, `the run stopped early (${model.served} served)`);
    // Nothing bought is lost from the budget: the unjournaled completions' reserves count as spent.
    const reread = reduceJournal(JSON.parse(JSON.stringify(gate.memory.events)) as JournalEvent[]);
    assert.equal(reread.budget.teacher.spent, model.served);
  });
});
