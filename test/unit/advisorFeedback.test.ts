// Run feedback from a journal built from events: per-strategy counts, acceptance rates, queries
// and money per accepted sample from the samples' own bought calls, rejection reasons and flags,
// and the hint when one strategy is clearly behind another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_REASON, runFeedback } from '../../src/core/advisor/index.ts';
import type { StrategyFeedback } from '../../src/core/advisor/index.ts';
import type { DecisionEvent, JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { CallRecord, Sample, SampleFlag, StrategyId } from '../../src/core/samples/sample.ts';

const at = '2025-03-01T12:00:00.000Z';
const TEACHER = { model: 'tm', endpoint: 'http://t' };
const AUGMENTER = { model: 'am', endpoint: 'http://t' };
const PRICING = { tm: { inputPerMillion: 1, outputPerMillion: 2 }, am: { inputPerMillion: 0.5, outputPerMillion: 1 } };

function call(role: 'teacher' | 'augmenter', bought: boolean): CallRecord {
  const usage = role === 'teacher' ? { promptTokens: 100, completionTokens: 50 } : { promptTokens: 200, completionTokens: 90 };
  return { role, cacheKey: `${role}-key`, prompt: { id: 'p', hash: 'h' }, sampling: { temperature: 0.7, maxTokens: 1024 }, usage, finishReason: 'stop', bought };
}

function sample(id: string, strategy: StrategyId, calls: CallRecord[], flags: SampleFlag[] = []): JournalEvent {
  const s: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: 'o', strategy, question: `Q ${id}?`, answer: `A ${id}\n#### 1`, flags,
    seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls, teacher: TEACHER, augmenter: strategy === 'answer-augmentation' ? null : AUGMENTER, createdAt: at,
  };
  return { type: 'sample', at, sample: s };
}

const decide = (sampleId: string, decision: DecisionEvent['decision'], reason?: string): JournalEvent => ({ type: 'decision', at, sampleId, decision, source: 'cli', ...(reason ? { reason } : {}) });

function spend(count: number): JournalEvent[] {
  return Array.from({ length: count }, (_, i) => [
    { type: 'reserve', at, attemptId: `a${i}`, role: 'teacher', runId: 'r1' } as const,
    { type: 'settle', at, attemptId: `a${i}`, role: 'teacher', outcome: { kind: 'completed', status: 200 } } as const,
  ]).flat();
}

interface Story {
  /** Answer augmentation: accepted, rejected (of 12 samples). */
  readonly aa: readonly [number, number];
  /** Question rephrase: accepted, rejected (of 12 samples in 4 batches of 3). */
  readonly qr: readonly [number, number];
  readonly teacherLimit?: number;
  readonly teacherSpent?: number;
}

/**
 * 12 AA samples (one bought teacher query each); 12 QR samples in 4 units of 3 (the augmenter call
 * bought once per unit, one teacher answer served from the cache); 2 NQ samples left pending (one
 * decided and reset). AA rejections: "wrong answer", the rest without a reason, the first flagged
 * no-final-answer; QR rejections: "changed the numbers" then "wrong answer", two flagged truncated.
 */
function story({ aa, qr, teacherLimit = 100, teacherSpent = 30 }: Story): JournalEvent[] {
  const events: JournalEvent[] = [
    {
      type: 'run-start', at, runId: 'r1', strategy: 'answer-augmentation', seedFile: 's.jsonl', seedCount: 4,
      limits: { teacher: teacherLimit, augmenter: teacherLimit }, teacher: TEACHER, augmenter: AUGMENTER, exampleSampleIds: [], options: {},
    },
    ...spend(teacherSpent),
  ];
  for (let i = 0; i < 12; i++) events.push(sample(`aa${i}`, 'answer-augmentation', [call('teacher', true)], i === aa[0] ? ['no-final-answer'] : []));
  for (let i = 0; i < 12; i++) {
    const first = i % 3 === 0;
    const cached = i === 11;
    events.push(sample(`qr${i}`, 'question-rephrase', [call('augmenter', first), call('teacher', !cached)], i >= qr[0] && i < qr[0] + 2 ? ['truncated'] : []));
  }
  events.push(sample('nq0', 'new-question', [call('augmenter', true), call('teacher', true)]), sample('nq1', 'new-question', [call('augmenter', false), call('teacher', true)]));
  for (let i = 0; i < aa[0]; i++) events.push(decide(`aa${i}`, 'accept'));
  for (let i = aa[0]; i < aa[0] + aa[1]; i++) events.push(decide(`aa${i}`, 'reject', i < aa[0] + 2 ? 'wrong answer' : undefined));
  for (let i = 0; i < qr[0]; i++) events.push(decide(`qr${i}`, 'accept'));
  for (let i = qr[0]; i < qr[0] + qr[1]; i++) events.push(decide(`qr${i}`, 'reject', i < qr[0] + 4 ? 'changed the numbers' : 'wrong answer'));
  events.push(decide('nq0', 'accept'), decide('nq0', 'reset'));
  return events;
}

const of = (strategies: readonly StrategyFeedback[], id: StrategyId) => {
  const found = strategies.find((s) => s.strategy === id);
  assert.ok(found, id);
  return found;
};

describe('runFeedback', () => {
  const feedback = runFeedback(reduceJournal(story({ aa: [9, 3], qr: [6, 6] })), PRICING);

  it('counts samples and decisions per strategy, rates over decided samples only', () => {
    assert.deepEqual(feedback.strategies.map((s) => s.strategy), ['answer-augmentation', 'question-rephrase', 'new-question']);
    const aa = of(feedback.strategies, 'answer-augmentation');
    assert.deepEqual([aa.samples, aa.accepted, aa.rejected, aa.pending, aa.acceptanceRate], [12, 9, 3, 0, 0.75]);
    const qr = of(feedback.strategies, 'question-rephrase');
    assert.deepEqual([qr.samples, qr.accepted, qr.rejected, qr.pending, qr.acceptanceRate], [12, 6, 6, 0, 0.5]);
    const nq = of(feedback.strategies, 'new-question');
    assert.deepEqual([nq.samples, nq.accepted, nq.rejected, nq.pending, nq.acceptanceRate], [2, 0, 0, 2, null]);
  });

  it('costs count each bought call once: shared batch calls and cache hits do not count again', () => {
    const aa = of(feedback.strategies, 'answer-augmentation');
    assert.deepEqual([aa.teacherQueries, aa.augmenterCalls, aa.queriesPerAccepted], [12, 0, 12 / 9]);
    const qr = of(feedback.strategies, 'question-rephrase');
    assert.deepEqual([qr.teacherQueries, qr.augmenterCalls, qr.queriesPerAccepted], [11, 4, 15 / 6]);
    assert.deepEqual(qr.tokens, { input: 11 * 100 + 4 * 200, output: 11 * 50 + 4 * 90 });
    const money = (11 * (100 * 1 + 50 * 2) + 4 * (200 * 0.5 + 90 * 1)) / 1e6;
    assert.ok(qr.cost.priced);
    assert.ok(Math.abs(qr.cost.total - money) < 1e-15 && Math.abs((qr.cost.perAccepted ?? 0) - money / 6) < 1e-15);
    const nq = of(feedback.strategies, 'new-question');
    assert.deepEqual([nq.queriesPerAccepted, nq.cost.priced && nq.cost.perAccepted], [null, null]);
  });

  it('counts rejection reasons and the flags of rejected samples, most frequent first', () => {
    const aa = of(feedback.strategies, 'answer-augmentation');
    assert.deepEqual(aa.rejectionReasons, [{ value: 'wrong answer', count: 2 }, { value: NO_REASON, count: 1 }]);
    assert.deepEqual(aa.rejectedFlags, [{ value: 'no-final-answer', count: 1 }]);
    const qr = of(feedback.strategies, 'question-rephrase');
    assert.deepEqual(qr.rejectionReasons, [{ value: 'changed the numbers', count: 4 }, { value: 'wrong answer', count: 2 }]);
    assert.deepEqual(qr.rejectedFlags, [{ value: 'truncated', count: 2 }]);
  });

  it('hints at shifting the remaining budget when a strategy is 20+ points behind on 10+ decisions each', () => {
    assert.equal(feedback.teacherQueriesLeft, 70);
    assert.equal(
      feedback.hint,
      "Question Rephrase samples are accepted 50% (6 of 12 decided), 25 points below Answer Augmentation's 75% (9 of 12 decided). Consider spending the remaining budget (70 teacher queries left) on Answer Augmentation.",
    );
  });

  it('gives no hint on fewer than 10 decisions, or a gap under 20 points', () => {
    assert.equal(runFeedback(reduceJournal(story({ aa: [9, 3], qr: [4, 5] })), PRICING).hint, null, '9 decided');
    assert.match(runFeedback(reduceJournal(story({ aa: [9, 3], qr: [4, 6] })), PRICING).hint ?? '', /40% \(4 of 10 decided\), 35 points below/, '10 decided');
    assert.equal(runFeedback(reduceJournal(story({ aa: [8, 4], qr: [6, 6] })), PRICING).hint, null, '67% vs 50%: 17 points');
    assert.match(runFeedback(reduceJournal(story({ aa: [7, 3], qr: [5, 5] })), PRICING).hint ?? '', /20 points below/, '70% vs 50%: exactly 20 points');
  });

  it('says when the budget is spent instead of pointing at a remaining budget', () => {
    const spent = runFeedback(reduceJournal(story({ aa: [9, 3], qr: [6, 6], teacherLimit: 30, teacherSpent: 30 })), PRICING);
    assert.equal(spent.teacherQueriesLeft, 0);
    assert.match(spent.hint ?? '', /The teacher budget is spent; if you raise it, consider putting the rest into Answer Augmentation\.$/);
  });

  it('says which model has no price rather than a number', () => {
    const unpriced = runFeedback(reduceJournal(story({ aa: [9, 3], qr: [6, 6] })), { tm: PRICING.tm });
    assert.equal(of(unpriced.strategies, 'answer-augmentation').cost.priced, true);
    assert.deepEqual(of(unpriced.strategies, 'question-rephrase').cost, { priced: false, missing: ['am'], message: 'no price set for am' });
  });
});
