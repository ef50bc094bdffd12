// Counts and rates per strategy and per check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../src/core/checks/types.ts';
import type { DecisionEvent, JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample, SampleFlag, StrategyId } from '../../src/core/samples/sample.ts';
import { sessionStats } from '../../src/core/stats/sessionStats.ts';

const at = '2025-03-01T12:00:00.000Z';

function sampleEvent(id: string, strategy: StrategyId, flags: SampleFlag[] = []): JournalEvent {
  const sample: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy, question: `Q ${id}?`, answer: `#### 1`, flags,
    seedLines: [1], seedHashes: ['h'], exampleSampleIds: [], calls: [], teacher: { model: 't', endpoint: 'e' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample };
}
const decide = (sampleId: string, decision: DecisionEvent['decision'], extra: Partial<DecisionEvent> = {}): JournalEvent => ({ type: 'decision', at, sampleId, decision, source: 'cli', ...extra });

describe('sessionStats', () => {
  const state = reduceJournal([
    sampleEvent('a1', 'answer-augmentation'),
    sampleEvent('a2', 'answer-augmentation', ['truncated']),
    sampleEvent('a3', 'answer-augmentation'),
    sampleEvent('a4', 'answer-augmentation', ['refusal', 'no-final-answer']),
    sampleEvent('n1', 'new-question'),
    sampleEvent('n2', 'new-question'),
    decide('a1', 'accept'),
    decide('a2', 'reject', { source: 'auto', reason: 'auto-rejected by check truncated: cut off' }),
    decide('a3', 'accept', { edited: { question: 'Q?', answer: '#### 2' } }),
    decide('n1', 'reject'),
  ]);
  const result = (check: CheckResult['check'], status: CheckResult['status']): CheckResult => ({ check, status, detail: '' });
  const results = new Map<string, CheckResult[]>([
    ['a1', [result('gold-match', 'pass'), result('duplicate', 'pass')]],
    ['a2', [result('gold-match', 'fail'), result('duplicate', 'warn')]],
    ['a3', [result('gold-match', 'pass'), result('duplicate', 'pass')]],
    ['a4', [result('gold-match', 'warn'), result('duplicate', 'n/a')]],
    ['n1', [result('gold-match', 'n/a'), result('duplicate', 'fail')]],
    ['n2', [result('gold-match', 'n/a'), result('duplicate', 'pass')]],
  ]);
  const stats = sessionStats(state, results);

  it('counts review states per strategy, with rates', () => {
    assert.deepEqual({ ...stats.review, rates: undefined }, { total: 6, pending: 2, accepted: 2, rejected: 2, autoRejected: 1, flagged: 2, edited: 1, rates: undefined });
    assert.equal(stats.review.rates.acceptance, 0.5);
    assert.equal(stats.review.rates.pending, 2 / 6);
    const aa = stats.byStrategy['answer-augmentation'].review;
    assert.deepEqual([aa.total, aa.accepted, aa.rejected, aa.autoRejected, aa.pending, aa.flagged, aa.edited], [4, 2, 1, 1, 1, 2, 1]);
    assert.equal(aa.rates.acceptance, 2 / 3);
    const nq = stats.byStrategy['new-question'].review;
    assert.deepEqual([nq.total, nq.rejected, nq.pending], [2, 1, 1]);
    assert.equal(nq.rates.acceptance, 0);
    const qr = stats.byStrategy['question-rephrase'].review;
    assert.equal(qr.total, 0);
    assert.equal(qr.rates.accepted, null);
    assert.equal(qr.rates.acceptance, null);
  });

  it('counts check statuses, rates over the samples a check applied to', () => {
    const gold = stats.checks?.['gold-match'];
    assert.deepEqual([gold?.pass, gold?.fail, gold?.warn, gold?.['n/a']], [2, 1, 1, 2]);
    assert.equal(gold?.rates.fail, 1 / 4);
    assert.equal(stats.byStrategy['new-question'].checks?.['gold-match'].rates.pass, null);
    assert.equal(stats.byStrategy['new-question'].checks?.duplicate.fail, 1);
    assert.equal(stats.checks?.refusal.pass, 0);
  });

  it('counts flags, and leaves checks null when none were run', () => {
    assert.deepEqual(stats.flags, { truncated: 1, refusal: 1, 'no-final-answer': 1 });
    assert.equal(sessionStats(state).checks, null);
    assert.equal(sessionStats(state).review.total, 6);
  });
});
