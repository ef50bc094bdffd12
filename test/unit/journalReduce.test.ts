// The reducer: journal events → session state, in one go or one event at a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecisionEvent, JournalEvent, RunStartEvent, SampleEvent } from '../../src/core/journal/events.ts';
import { parseJournalText } from '../../src/core/journal/parse.ts';
import { applyEvent, createSessionState, reduceJournal } from '../../src/core/journal/reduce.ts';
import type { SessionState } from '../../src/core/journal/state.ts';
import type { ChatResult } from '../../src/core/model/chat.ts';
import type { Sample, SampleFlag } from '../../src/core/samples/sample.ts';

const at = '2025-03-01T12:00:00.000Z';

function runStart(runId: string, teacher: number, augmenter = teacher): RunStartEvent {
  return {
    type: 'run-start', at, runId, strategy: 'answer-augmentation', seedFile: 'seeds.jsonl', seedCount: 3,
    limits: { teacher, augmenter }, teacher: { model: 'teacher-1', endpoint: 'http://t' }, augmenter: { model: 'aug-1', endpoint: 'http://t' },
    exampleSampleIds: [], options: { concurrency: 4 },
  };
}

function sample(id: string, unitKey: string, runId: string, flags: SampleFlag[] = []): SampleEvent {
  const s: Sample = {
    id, unitKey, runId, outputKey: id, strategy: 'answer-augmentation', question: `Q ${id}?`, answer: `A ${id}.`, flags,
    seedLines: [1], seedHashes: ['h1'], exampleSampleIds: [], calls: [], teacher: { model: 'teacher-1', endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample: s };
}

const result = (content: string): ChatResult => ({ content, refusal: null, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 }, model: 'teacher-1', requestId: null, attempts: 1, latencyMs: 12 });
const decide = (sampleId: string, decision: DecisionEvent['decision'], extra: Partial<DecisionEvent> = {}): DecisionEvent => ({ type: 'decision', at, sampleId, decision, source: 'cli', ...extra });
const reserve = (attemptId: string, runId: string, role: 'teacher' | 'augmenter' = 'teacher'): JournalEvent => ({ type: 'reserve', at, attemptId, role, runId });
const settle = (attemptId: string, kind: 'completed' | 'uncertain' | 'released', role: 'teacher' | 'augmenter' = 'teacher'): JournalEvent => ({
  type: 'settle', at, attemptId, role,
  outcome: kind === 'completed' ? { kind, status: 200 } : kind === 'uncertain' ? { kind, reason: 'timeout' } : { kind, status: 503, reason: 'server error' },
});

/** Two runs: the first crashes with a request out, the second resumes, raises the budget and finishes. */
function story(): JournalEvent[] {
  return [
    runStart('r1', 4, 2),
    reserve('r1.1', 'r1', 'augmenter'),
    settle('r1.1', 'completed', 'augmenter'),
    reserve('r1.2', 'r1'),
    settle('r1.2', 'released'),
    reserve('r1.3', 'r1'),
    settle('r1.3', 'completed'),
    { type: 'completion', at, cacheKey: 'k1', role: 'teacher', result: result('first') },
    sample('s1', 'u1', 'r1'),
    sample('s2', 'u1', 'r1', ['truncated']),
    reserve('r1.4', 'r1'), // crash: never settled
    runStart('r2', 6, 1),
    reserve('r2.1', 'r2'),
    settle('r2.1', 'uncertain'),
    reserve('r2.2', 'r2'),
    settle('r2.2', 'completed'),
    { type: 'completion', at, cacheKey: 'k1', role: 'teacher', result: result('second') },
    { type: 'completion', at, cacheKey: 'k2', role: 'teacher', result: result('other') },
    sample('s1', 'u1', 'r2'), // regenerated on resume: ignored
    sample('s3', 'u2', 'r2', ['refusal', 'empty']),
    decide('s1', 'accept', { edited: { question: 'Q1 edited?', answer: 'A1 edited.' } }),
    decide('s2', 'reject', { reason: 'truncated' }),
    decide('s3', 'accept'),
    decide('s3', 'reset'),
    decide('nope', 'accept'),
    { type: 'run-end', at, runId: 'r2', reason: 'budget', message: 'spent' },
  ];
}

function summary(state: SessionState) {
  return {
    budget: state.budget,
    unsettled: [...state.unsettled],
    runs: [...state.runs.values()].map((r) => ({ id: r.runId, outcome: r.outcome, spent: r.spent, samples: r.samples, limits: r.start.limits })),
    cache: [...state.cache].map(([k, v]) => [k, v.content]),
    samples: [...state.samples.keys()],
    sampleRuns: [...state.samples.values()].map((s) => s.runId),
    reviews: [...state.reviews].map(([id, r]) => [id, r.state, r.edited?.answer ?? null, r.reason]),
    history: [...state.history].map(([id, h]) => [id, h.map((d) => d.decision)]),
    counts: state.counts,
    units: [...state.unitSamples],
    warnings: state.warnings,
    events: state.events,
  };
}

describe('reduceJournal', () => {
  it('adds up runs, budget, cache, samples, decisions and units', () => {
    const s = summary(reduceJournal(story()));
    assert.deepEqual(s.budget, {
      teacher: { limit: 6, spent: 4, completed: 2, uncertain: 1, unsettled: 1, released: 1 },
      augmenter: { limit: 2, spent: 1, completed: 1, uncertain: 0, unsettled: 0, released: 0 },
    });
    assert.deepEqual(s.unsettled, [['r1.4', { role: 'teacher', runId: 'r1' }]]);
    assert.deepEqual(s.runs, [
      { id: 'r1', outcome: 'interrupted', spent: { teacher: 2, augmenter: 1 }, samples: 2, limits: { teacher: 4, augmenter: 2 } },
      { id: 'r2', outcome: 'budget', spent: { teacher: 2, augmenter: 0 }, samples: 1, limits: { teacher: 6, augmenter: 1 } },
    ]);
    assert.deepEqual(s.cache, [['k1', 'first'], ['k2', 'other']], 'the first purchase of a key stays');
    assert.deepEqual(s.samples, ['s1', 's2', 's3']);
    assert.deepEqual(s.sampleRuns, ['r1', 'r1', 'r2'], 'first write wins');
    assert.deepEqual(s.reviews, [['s1', 'accepted', 'A1 edited.', null], ['s2', 'rejected', null, 'truncated'], ['s3', 'pending', null, null]]);
    assert.deepEqual(s.history, [['s1', ['accept']], ['s2', ['reject']], ['s3', ['accept', 'reset']]]);
    assert.deepEqual(s.counts, { total: 3, pending: 1, accepted: 1, rejected: 1, flagged: 2 });
    assert.deepEqual(s.units, [['u1', ['s1', 's2']], ['u2', ['s3']]]);
    assert.deepEqual(s.warnings, ['decision for unknown sample nope ignored']);
    assert.equal(s.events, story().length);
  });

  it('gives the same state one event at a time as in one go, and after a JSONL round trip', () => {
    const events = story();
    const incremental = createSessionState();
    for (const e of events) applyEvent(incremental, e);
    const text = events.map((e) => JSON.stringify(e) + '\n').join('');
    const parsed = parseJournalText(text);
    assert.deepEqual(parsed.events, events);
    assert.deepEqual(summary(incremental), summary(reduceJournal(events)));
    assert.deepEqual(summary(reduceJournal(parsed.events)), summary(reduceJournal(events)));
    // Any prefix (a journal read mid-run) is consistent: settled spend never drops, and the
    // conservative total (which counts requests still out) drops only when one is released.
    const state = createSessionState();
    let settled = 0;
    let spent = 0;
    for (const e of events) {
      applyEvent(state, e);
      const t = state.budget.teacher;
      assert.ok(t.completed + t.uncertain >= settled);
      if (!(e.type === 'settle' && e.outcome.kind === 'released')) assert.ok(t.spent >= spent, `spend dropped at ${JSON.stringify(e)}`);
      assert.equal(t.spent, t.completed + t.uncertain + t.unsettled);
      settled = t.completed + t.uncertain;
      spent = t.spent;
    }
  });

  it('never counts a repeated reserve or settle twice, and keeps a settle without a reserve as spend', () => {
    const state = reduceJournal([
      runStart('r', 10),
      reserve('a', 'r'),
      reserve('a', 'r'),
      settle('a', 'completed'),
      settle('a', 'completed'),
      settle('a', 'released'),
      settle('ghost', 'uncertain'),
      reserve('b', 'r'),
      settle('b', 'released'),
      reserve('b', 'r'),
    ]);
    assert.deepEqual(state.budget.teacher, { limit: 10, spent: 2, completed: 1, uncertain: 1, unsettled: 0, released: 1 });
    assert.equal(state.warnings.length, 5, state.warnings.join('\n'));
  });

  it('a settle counts against the role it was reserved under', () => {
    const state = reduceJournal([reserve('a', 'r', 'augmenter'), settle('a', 'completed', 'teacher')]);
    assert.equal(state.budget.augmenter.completed, 1);
    assert.equal(state.budget.teacher.completed, 0);
  });

  it('limits only rise across runs; runs without an end are interrupted, repeated starts and ends are warnings', () => {
    const state = reduceJournal([
      runStart('a', 50, 50),
      { type: 'run-end', at, runId: 'a', reason: 'done' },
      runStart('b', 20, 80),
      runStart('b', 99, 99),
      { type: 'run-end', at, runId: 'a', reason: 'failed' },
      { type: 'run-end', at, runId: 'zzz', reason: 'failed' },
    ]);
    assert.equal(state.budget.teacher.limit, 50);
    assert.equal(state.budget.augmenter.limit, 80);
    assert.deepEqual([...state.runs.values()].map((r) => [r.runId, r.outcome]), [['a', 'done'], ['b', 'interrupted']]);
    assert.equal(state.warnings.length, 3);
  });

  it('accept with edits, then accept without, drops the edit; reset goes back to pending', () => {
    const state = reduceJournal([sample('s', 'u', 'r'), decide('s', 'accept', { edited: { question: 'q', answer: 'a' } })]);
    assert.deepEqual(state.reviews.get('s')?.edited, { question: 'q', answer: 'a' });
    assert.equal(state.samples.get('s')?.answer, 'A s.', 'the original stays in the sample');
    applyEvent(state, decide('s', 'accept'));
    assert.equal(state.reviews.get('s')?.edited, null);
    applyEvent(state, decide('s', 'reject', { reason: 'wrong' }));
    assert.deepEqual(state.counts, { total: 1, pending: 0, accepted: 0, rejected: 1, flagged: 0 });
    applyEvent(state, decide('s', 'reset'));
    assert.deepEqual(state.reviews.get('s'), { state: 'pending', edited: null, reason: null, decidedAt: null, source: null });
    assert.deepEqual(state.counts, { total: 1, pending: 1, accepted: 0, rejected: 0, flagged: 0 });
    assert.equal(state.history.get('s')?.length, 4);
  });
});

describe('a completion that carries its settle', () => {
  const completion = (attemptId: string | null, role: 'teacher' | 'augmenter' = 'teacher'): JournalEvent => ({
    type: 'completion', at, cacheKey: `k-${attemptId ?? 'none'}`, role, result: result('x'),
    ...(attemptId ? { settle: { attemptId, outcome: { kind: 'completed' as const, status: 200 } } } : {}),
  });
  const viaText = (events: readonly JournalEvent[]): SessionState => {
    const parsed = parseJournalText(events.map((e) => JSON.stringify(e) + '\n').join(''));
    assert.equal(parsed.events.length, events.length, 'every line is valid');
    return reduceJournal(parsed.events);
  };

  it('reads the same as the old settle line followed by the completion', () => {
    const old = viaText([runStart('r', 5), reserve('a', 'r'), settle('a', 'completed'), completion(null), reserve('b', 'r', 'augmenter'), settle('b', 'uncertain', 'augmenter')]);
    const combined = viaText([runStart('r', 5), reserve('a', 'r'), completion('a'), reserve('b', 'r', 'augmenter'), settle('b', 'uncertain', 'augmenter')]);
    assert.deepEqual(combined.budget, old.budget);
    assert.deepEqual(combined.budget.teacher, { limit: 5, spent: 1, completed: 1, uncertain: 0, unsettled: 0, released: 0 });
    assert.deepEqual([...combined.cache.keys()], ['k-a']);
    assert.deepEqual(combined.warnings, []);
  });

  it('is not counted twice next to a settle line for the same attempt, and counts under the reserve’s role', () => {
    const state = viaText([reserve('a', 'r', 'augmenter'), completion('a', 'teacher'), settle('a', 'completed')]);
    assert.equal(state.budget.augmenter.completed, 1);
    assert.equal(state.budget.teacher.completed, 0);
    assert.equal(state.warnings.length, 1, state.warnings.join('\n'));
  });

  it('a carried settle that is not a completed one makes the line invalid rather than half-applied', () => {
    const bad = JSON.stringify({ type: 'completion', at, cacheKey: 'k', role: 'teacher', result: result('x'), settle: { attemptId: 'a', outcome: { kind: 'released' } } });
    assert.throws(() => parseJournalText(bad + '\n'), /settle must be \{attemptId, outcome: completed\}/);
  });
});
