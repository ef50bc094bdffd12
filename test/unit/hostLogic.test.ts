// The editor's plain logic: the sidebar snapshot and the status bar's numbers, built from a
// session without an editor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent, RunStartEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/indexSeeds.ts';
import { NO_CHOICES } from '../../src/hostLogic/sectionLayout.ts';
import { buildSidebarSnapshot, type SidebarInputs } from '../../src/hostLogic/sidebarSnapshot.ts';
import { statusView } from '../../src/hostLogic/statusView.ts';
import type { EstimateView } from '../../src/shared/protocol.ts';

const at = '2026-12-01T00:00:00.000Z';
const runStart = (teacher: number): RunStartEvent => ({
  type: 'run-start', at, runId: 'r1', strategy: 'answer-augmentation', seedFile: '/w/seeds.jsonl', seedCount: 2,
  limits: { teacher, augmenter: teacher }, teacher: { model: 'teacher-1', endpoint: 'http://t' }, augmenter: { model: 'teacher-1', endpoint: 'http://t' }, exampleSampleIds: [], options: {},
});
const bought = (n: number): JournalEvent[] => Array.from({ length: n }, (_, i) => [
  { type: 'reserve', at, attemptId: `a${i}`, role: 'teacher', runId: 'r1' } as const,
  { type: 'settle', at, attemptId: `a${i}`, role: 'teacher', outcome: { kind: 'completed', status: 200 } } as const,
]).flat();
const sample = (id: string, teacher = 'teacher-1'): JournalEvent => {
  const value: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: 'a0', strategy: 'answer-augmentation', question: `Q ${id}?`, answer: `#### ${id.length}`, flags: [],
    seedLines: [1], seedHashes: ['h'], exampleSampleIds: [],
    calls: [{ role: 'teacher', cacheKey: `k-${id}`, prompt: { id: 't', hash: 'h' }, sampling: { temperature: 0.7, maxTokens: 512 }, usage: { promptTokens: 1_000, completionTokens: 500 }, finishReason: 'stop', bought: true }],
    teacher: { model: teacher, endpoint: 'http://t' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample: value };
};

// After a CLI run with --budget 1000 that spent 600, with the editor's setting at 500.
const session = reduceJournal([runStart(1000), ...bought(600), sample('s1'), sample('s2'), { type: 'decision', at, sampleId: 's1', decision: 'accept', source: 'editor' }]);
const settings = { teacherLimit: 500, augmenterLimit: 500, strategy: 'auto' as const, samplesPerSeed: undefined, questionsPerCall: 5, pricing: { 'teacher-1': { inputPerMillion: 2, outputPerMillion: 10 } } };
const estimates: EstimateView[] = (['answer-augmentation', 'new-question'] as const).map((strategy, i) => ({
  strategy, samples: 10 + i, teacherQueries: 10 + i, augmenterCalls: i, inputTokens: { low: 1, high: 2 }, outputTokens: { low: 1, high: 2 }, cost: { low: null, high: null, message: 'no price' },
}));

function inputs(over: Partial<SidebarInputs> = {}): SidebarInputs {
  const index = indexSeedText('{"question":"Q s1?","answer":"#### 2"}\n{"question":"Q two?","answer":"#### 3"}\n');
  return {
    seedFile: { kind: 'loaded', uri: { path: '/w/seeds.jsonl', toString: () => 'file:///w/seeds.jsonl' }, index },
    displayPath: (uri) => uri.path.replace('/w/', ''),
    workspaceTrusted: true,
    session,
    readOnly: null,
    readOnlyFix: null,
    keys: { accept: 'a', reject: 'x', edit: 'e', skip: 'Space', undo: '⌫ / u' },
    reserved: { teacher: 3, augmenter: 0 },
    settings,
    teacher: { baseUrl: 'http://t', teacherModel: 'teacher-1', augmenterModel: 'teacher-1', hasApiKey: true, connection: { state: 'unknown', message: '' } },
    run: { state: 'idle', blocked: null, progress: null, last: null },
    batch: { offered: false, state: 'idle', last: null, polls: new Map() },
    review: { queue: () => ['s2'], cursor: 0, filter: 'pending', strategy: 'all' },
    canUndo: true,
    checks: () => [],
    answers: null,
    advisor: { recommendation: null, estimates },
    sections: NO_CHOICES,
    ...over,
  };
}

describe('sidebar snapshot', () => {
  it('shows the budget under the limit in force: 400 left of a session limit of 1000 when the setting says 500', () => {
    const { budget } = buildSidebarSnapshot(inputs({ reserved: { teacher: 0, augmenter: 0 } }));
    assert.deepEqual(budget.teacher, { limit: 1000, spent: 600, reserved: 0, remaining: 400, retries: 0, wasted: 0 });
    assert.equal(buildSidebarSnapshot(inputs()).budget.teacher.remaining, 397, 'requests in flight are not left');
  });

  it('carries what only the editor knows as given, and the review window around the cursor', () => {
    const snap = buildSidebarSnapshot(inputs({ workspaceTrusted: false, readOnly: 'Another process is writing.' }));
    assert.equal(snap.workspaceTrusted, false);
    assert.equal(snap.review.readOnly, 'Another process is writing.');
    assert.equal(snap.seedFile.kind === 'loaded' && snap.seedFile.file.displayPath, 'seeds.jsonl');
    assert.deepEqual(snap.review.window.map((card) => card.id), ['s2']);
    assert.equal(snap.review.counts.accepted, 1);
    assert.equal(snap.strategy.estimates.length, 0, 'estimates only with a recommendation');
  });

  it('names on each review card the teacher that answered it (an ensemble\'s samples told apart)', () => {
    const ensemble = reduceJournal([runStart(1000), ...bought(2), sample('s1', 'teacher-a'), sample('s2', 'teacher-b')]);
    const snap = buildSidebarSnapshot(inputs({ session: ensemble, review: { queue: () => ['s1', 's2'], cursor: 0, filter: 'pending', strategy: 'all' } }));
    assert.deepEqual(snap.review.window.map((card) => [card.id, card.teacher]), [['s1', 'teacher-a'], ['s2', 'teacher-b']]);
  });
});

describe('a budget of 0', () => {
  const zero = { ...settings, teacherLimit: 0, augmenterLimit: 0 };
  const recommendation = { strategy: 'answer-augmentation', ratio: 0, confidence: 'clear', reason: 'r', mixedPlan: null } as unknown as NonNullable<SidebarInputs['advisor']['recommendation']>;

  it('shows 0 as the limit on the Budget line, not the session’s old one, and offers no strategy to apply', () => {
    const snap = buildSidebarSnapshot(inputs({ settings: zero, reserved: { teacher: 0, augmenter: 0 }, advisor: { recommendation, estimates } }));
    assert.deepEqual(snap.budget.teacher, { limit: 0, spent: 600, reserved: 0, remaining: 0, retries: 0, wasted: 0 });
    assert.equal(snap.strategy.recommendation, null, 'no recommendation to apply: nothing can be bought');
    assert.deepEqual(snap.strategy.estimates, [], 'no table of what 0 queries buy');
  });

  it('shows 0 as the limit in the status bar', () => {
    const view = statusView({ session, settings: zero, running: false, advisor: { recommendation: null, estimates: [] } });
    assert.equal(view.limit, 0);
    assert.equal(view.augmenterLimit, 0);
  });
});

describe('status bar numbers', () => {
  it('counts spend against the limit in force, money from the prices, and the estimate of the plan auto runs', () => {
    const view = statusView({ session, settings, running: false, advisor: { recommendation: { strategy: 'new-question' }, estimates } });
    assert.equal(view.limit, 1000);
    assert.equal(view.spent, 600);
    assert.equal(view.promptTokens, 2_000);
    assert.equal(view.completionTokens, 1_000);
    assert.ok(view.money !== null && Math.abs(view.money - (2_000 * 2 + 1_000 * 10) / 1e6) < 1e-12);
    assert.deepEqual(view.estimate, { strategy: 'new-question', teacherQueries: 11, augmenterCalls: 1 });
    assert.equal(statusView({ session, settings: { ...settings, pricing: {} }, running: false, advisor: { recommendation: null, estimates } }).money, null, 'no price, no money');
    assert.equal(statusView({ session, settings: { ...settings, teacherLimit: 1500 }, running: true, advisor: { recommendation: null, estimates: [] } }).limit, 1500);
  });
});

describe('status bar: batches in flight', () => {
  it('counts the batches still out and their lines, with the first expiry; none once they are settled', () => {
    const line = (batchKey: string, i: number): JournalEvent => ({ type: 'batch-line', at, batchKey, customId: `r1:${batchKey}:${i}:1`, role: 'teacher', runId: 'r1', cacheKey: `k${batchKey}${i}`, unitKeys: [`u${i}`] });
    const prepared = (batchKey: string, lines: number): JournalEvent[] => [{ type: 'batch-prepared', at, batchKey, runId: 'r1', role: 'teacher', model: 'teacher-1', engine: 'openai', lines }, ...Array.from({ length: lines }, (_, i) => line(batchKey, i))];
    const events: JournalEvent[] = [
      runStart(100),
      ...prepared('b1', 3),
      { type: 'batch-submitted', at, batchKey: 'b1', batchId: 'batch_1', inputFileId: 'file-1', expiresAt: '2026-12-02T00:00:00.000Z' },
      ...prepared('b2', 2),
    ];
    const live = reduceJournal(events);
    const view = statusView({ session: live, settings, running: false, advisor: { recommendation: null, estimates: [] } });
    assert.deepEqual(view.batches, { inFlight: 2, lines: 5, expiresAt: '2026-12-02T00:00:00.000Z' });
    assert.equal(view.spent, 5, 'lines out count as spent');
    const settled = reduceJournal([...events, { type: 'batch-settled', at, batchKey: 'b1', batchId: 'batch_1', status: 'completed', completed: 3, released: 0, uncertain: 0, unaccounted: [] }, { type: 'batch-settled', at, batchKey: 'b2', batchId: null, status: 'not-submitted', completed: 0, released: 2, uncertain: 0, unaccounted: [] }]);
    assert.equal(statusView({ session: settled, settings, running: false, advisor: { recommendation: null, estimates: [] } }).batches, null);
  });
});
