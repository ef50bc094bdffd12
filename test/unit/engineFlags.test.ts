// Bad teacher output is kept and flagged, never dropped: with the teacher breaking a seeded share
// of its answers (refusals, empty content, cut-off answers, JSON no parser accepts), every
// completion bought becomes a sample, each fault the teacher reports shows up as the matching
// flag, and `status --json` counts the flags.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sample, SampleFlag } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { readJournalLines, seedsmithHereJson } from '../support/engineCli.ts';
import { completionsIn, finalOf, lineageProblems, samplesIn } from '../support/engineLineage.ts';
import type { SeedText } from '../support/engineLineage.ts';
import { runInProcess } from '../support/engineRun.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';
import { REFUSAL_TEXT } from '../teacher/completer.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';
import type { ModelStats } from '../teacher/stats.ts';

interface StatusJson {
  samples: { total: number; pending: number; accepted: number; flagged: number };
  flags: Record<string, number>;
}

const FLAGS: readonly SampleFlag[] = ['malformed', 'empty', 'refusal', 'truncated', 'no-final-answer', 'unanswerable'];

function flagCounts(samples: readonly Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of samples) for (const flag of sample.flags) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}

const withFlag = (samples: readonly Sample[], flag: SampleFlag) => samples.filter((s) => s.flags.includes(flag));
const answeredBy = (samples: readonly Sample[]) => samples.filter((s) => s.calls.some((c) => c.role === 'teacher'));
/** Samples whose teacher answer was bought for them (a repeated question is answered from the cache). */
const boughtAnswers = (samples: readonly Sample[]) => samples.filter((s) => s.calls.some((c) => c.role === 'teacher' && c.bought));

describe('bad teacher output is flagged, kept and counted', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let seeds: readonly Seed[];
  const seedText = new Map<number, SeedText>();

  before(async () => {
    dir = await makeTempDir();
    seeds = indexSeedText(seedFileText(10)).seeds;
    for (const seed of seeds) seedText.set(seed.line, seed);
    teacher = await startTestTeacher({ seed: 4 });
    teacher.learn(seeds);
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  async function generate(name: string, strategy: Sample['strategy'], limits: { teacher: number; augmenter: number }, models: { teacher: string; augmenter: string }) {
    const sessionDir = join(dir.path, name);
    const run = await runInProcess({
      sessionDir, seedFile: join(dir.path, 'seeds.jsonl'), seeds, strategy, limits, questionsPerCall: 2,
      baseURL: teacher.url, teacherModel: models.teacher, augmenterModel: models.augmenter, concurrency: 8,
    });
    assert.equal(run.finished.reason, 'done', run.finished.message ?? '');
    assert.equal(run.unitFailures, 0);
    const journal = await readJournalLines(sessionDir);
    const samples = samplesIn(journal.events);
    const context = {
      seeds: seedText, strategy, secret: 'sk-engine-test', teacher: { model: models.teacher, endpoint: teacher.url },
      augmenter: strategy === 'answer-augmentation' ? null : { model: models.augmenter, endpoint: teacher.url },
      completions: new Map(completionsIn(journal.events).map((e) => [e.cacheKey, e.result])),
    };
    assert.deepEqual(samples.flatMap((s) => lineageProblems(s, context)), [], 'flagged samples keep their lineage');
    const status = await seedsmithHereJson<StatusJson>(['status', '--session', sessionDir]);
    const flagged = await seedsmithHereJson<{ samples: Array<{ id: string; flags: string[] }> }>(['samples', '--session', sessionDir, '--state', 'flagged']);
    const stats = teacher.stats().models;
    // None dropped: every answer bought is some sample's answer.
    const answerKeys = new Set(samples.flatMap((sample) => sample.calls.filter((c) => c.role === 'teacher').map((c) => c.cacheKey)));
    for (const event of completionsIn(journal.events)) if (event.role === 'teacher') assert.ok(answerKeys.has(event.cacheKey), `the answer bought under ${event.cacheKey} is in no sample`);
    return { samples, status, flagged, teacherStats: stats[models.teacher] as ModelStats, augmenterStats: stats[models.augmenter] };
  }

  function checkStatus(samples: readonly Sample[], status: StatusJson, flagged: { samples: Array<{ id: string; flags: string[] }> }): void {
    assert.deepEqual(status.flags, flagCounts(samples), 'status --json counts every flag');
    const withAny = samples.filter((s) => s.flags.length > 0);
    assert.equal(status.samples.flagged, withAny.length);
    assert.deepEqual({ total: status.samples.total, pending: status.samples.pending, accepted: status.samples.accepted }, { total: samples.length, pending: samples.length, accepted: 0 }, 'flagged samples wait for a person');
    assert.deepEqual(flagged.samples.map((row) => [row.id, row.flags]), withAny.map((s) => [s.id, s.flags]));
    for (const flag of Object.keys(status.flags)) assert.ok((FLAGS as readonly string[]).includes(flag), `unknown flag ${flag}`);
  }

  it('answer augmentation: refusals, empty and cut-off answers (mixed, seeded)', async () => {
    teacher.configure({ refusalRate: 0.15, emptyRate: 0.1, truncateRate: 0.15, malformedJsonRate: 0 });
    const { samples, status, flagged, teacherStats } = await generate('aa', 'answer-augmentation', { teacher: 60, augmenter: 60 }, { teacher: 'flags-aa', augmenter: 'flags-aa' });
    const faults = teacherStats.faults;
    assert.ok(faults.refusal > 0 && faults.empty > 0 && faults.truncated > 0, `the teacher injected faults: ${JSON.stringify(faults)}`);
    assert.equal(samples.length, teacherStats.completions, 'none dropped: one sample per answer bought');
    assert.equal(samples.length, 60);
    assert.equal(withFlag(samples, 'refusal').length, faults.refusal);
    assert.equal(withFlag(samples, 'empty').length, faults.empty);
    assert.equal(withFlag(samples, 'truncated').length, faults.truncated);
    for (const sample of withFlag(samples, 'refusal')) assert.equal(sample.answer, REFUSAL_TEXT, 'the refusal text is kept');
    for (const sample of withFlag(samples, 'empty')) assert.equal(sample.answer, '');
    for (const sample of withFlag(samples, 'truncated')) assert.equal(sample.calls[0]?.finishReason, 'length');
    for (const sample of samples.filter((s) => s.flags.length === 0)) assert.equal(finalOf(sample.answer), finalOf(seedText.get(sample.seedLines[0] ?? 0)?.answer ?? ''));
    checkStatus(samples, status, flagged);
  });

  it('question rephrase, its own augmenter: broken JSON, refusals, empty and cut-off output from both models (mixed, seeded)', async () => {
    teacher.configure({ malformedJsonRate: 0.2, refusalRate: 0.1, emptyRate: 0.1, truncateRate: 0.1 });
    const { samples, status, flagged, teacherStats, augmenterStats } = await generate('qr', 'question-rephrase', { teacher: 40, augmenter: 40 }, { teacher: 'flags-qr-teacher', augmenter: 'flags-qr-augmenter' });
    assert.ok(augmenterStats);
    const a = augmenterStats.faults;
    const t = teacherStats.faults;
    assert.ok(a.malformed > 0 && t.refusal + a.refusal > 0 && t.empty + a.empty > 0 && t.truncated + a.truncated > 0, `faults: augmenter ${JSON.stringify(a)}, teacher ${JSON.stringify(t)}`);
    // An augmenter reply that cannot be read is one flagged sample, with no teacher query; every
    // teacher answer bought is one sample (a rephrasing repeated in a later round is answered from
    // the cache: another sample, no purchase).
    const unreadable = a.malformed + a.refusal + a.empty + a.truncated;
    const augmenterOnly = samples.filter((s) => !s.calls.some((c) => c.role === 'teacher'));
    assert.equal(augmenterOnly.length, unreadable, 'one sample per unreadable augmenter reply');
    assert.equal(boughtAnswers(samples).length, teacherStats.completions, 'one sample per teacher answer bought');
    assert.equal(augmenterOnly.length + answeredBy(samples).length, samples.length);
    // Each fault as its flag: a cut-off JSON reply is both truncated and malformed.
    assert.equal(withFlag(augmenterOnly, 'malformed').length, a.malformed + a.truncated);
    assert.equal(withFlag(augmenterOnly, 'truncated').length, a.truncated);
    assert.equal(withFlag(augmenterOnly, 'refusal').length, a.refusal);
    assert.equal(withFlag(augmenterOnly, 'empty').length, a.empty);
    for (const sample of augmenterOnly) assert.deepEqual([sample.question, sample.answer], ['', '']);
    const answered = boughtAnswers(samples);
    assert.equal(withFlag(answered, 'refusal').length, t.refusal);
    assert.equal(withFlag(answered, 'empty').length, t.empty);
    assert.equal(withFlag(answered, 'truncated').length, t.truncated);
    assert.equal(withFlag(answered, 'malformed').length, 0, 'a plain-text answer is never "malformed"');
    // The teacher's "malformed" plain answers are the ones without a #### line (flagged
    // no-final-answer unless the last sentence still says "the answer is …").
    const clean = answered.filter((s) => !s.flags.some((f) => f === 'refusal' || f === 'empty' || f === 'truncated'));
    assert.equal(clean.filter((s) => finalOf(s.answer) === undefined).length, t.malformed);
    for (const sample of withFlag(answered, 'no-final-answer')) assert.equal(finalOf(sample.answer), undefined);
    checkStatus(samples, status, flagged);
  });

  it('new question: broken JSON from the augmenter alone', async () => {
    teacher.configure({ malformedJsonRate: 0.3, refusalRate: 0, emptyRate: 0, truncateRate: 0 });
    const { samples, status, flagged, teacherStats, augmenterStats } = await generate('nq', 'new-question', { teacher: 30, augmenter: 30 }, { teacher: 'flags-nq-teacher', augmenter: 'flags-nq-augmenter' });
    assert.ok(augmenterStats && augmenterStats.faults.malformed > 0, JSON.stringify(augmenterStats?.faults));
    const malformed = withFlag(samples, 'malformed');
    assert.equal(malformed.length, augmenterStats.faults.malformed);
    for (const sample of malformed) assert.deepEqual([sample.flags, sample.calls.map((c) => c.role)], [['malformed'], ['augmenter']]);
    assert.equal(boughtAnswers(samples).length, teacherStats.completions, 'one sample per teacher answer bought');
    assert.equal(samples.filter((s) => !s.calls.some((c) => c.role === 'teacher')).length, augmenterStats.faults.malformed);
    assert.equal(status.flags.malformed, malformed.length);
    checkStatus(samples, status, flagged);
  });
});
