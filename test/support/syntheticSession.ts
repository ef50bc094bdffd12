// A session journal as a long run leaves it, made up without a model: a run-start, and for every
// sample the reserve, the completion that bought it (carrying its settle) and the sample, with
// New Question's augmenter calls between; then people's decisions (accepts, rejects, edits,
// resets). Answer Augmentation samples use the planner's real unit keys and ids, so `generate`
// continues such a session as it would a real one. Deterministic for a given size and strategy.
// The streaming tests pin outputs on it; the P6 benchmark writes 10k to 1M samples of it.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sampleIdOf } from '../../src/core/engine/sampleIds.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { answerAugmentationKey } from '../../src/core/planner/unitKeys.ts';
import type { CallRecord, Sample, SampleFlag, StrategyId } from '../../src/core/samples/sample.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { inventQuestions } from '../teacher/questionWriter.ts';
import { createRng } from '../teacher/rng.ts';
import type { Rng } from '../teacher/rng.ts';

export type SyntheticStrategy = 'new-question' | 'answer-augmentation' | 'mixed';

export interface SyntheticOptions {
  readonly samples: number;
  readonly strategy: SyntheticStrategy;
  readonly seeds: readonly Seed[];
  readonly seedFile: string;
  /** Decisions on about this share of the samples (default 0.4). */
  readonly decided?: number;
  /** Every this-many-th sample is journaled twice, as a resumed run does (default: never). */
  readonly repeatEvery?: number;
}

const AT = '2026-01-01T00:00:00.000Z';
const RUN = 'run-20260101T000000-synthetic';
const TEACHER = { model: 'seedsmith-teacher', endpoint: 'http://127.0.0.1:9/v1' };
const NQ_PER_CALL = 5;

function call(role: CallRecord['role'], cacheKey: string, tokens: number): CallRecord {
  return { role, cacheKey, prompt: { id: role === 'teacher' ? 'answer.cot.v1' : 'new_questions.v1', hash: 'c0ffee00c0ffee00', kind: 'numeric:####' }, sampling: { temperature: 0.7, maxTokens: 1024, seed: 0 }, usage: { promptTokens: 180, completionTokens: tokens }, finishReason: 'stop', bought: true };
}

function completion(role: CallRecord['role'], cacheKey: string, attemptId: string, content: string): JournalEvent {
  return {
    type: 'completion', at: AT, cacheKey, role,
    result: { content, refusal: null, finishReason: 'stop', usage: { promptTokens: 180, completionTokens: 60 }, model: TEACHER.model, requestId: null, attempts: 1, latencyMs: 20 },
    settle: { attemptId, outcome: { kind: 'completed', status: 200 } },
  };
}

const chance = (rng: Rng, p: number) => rng.next() < p;

/** The events, in journal order. */
export function* syntheticEvents(options: SyntheticOptions): Generator<JournalEvent> {
  const { samples: count, seeds } = options;
  const rng = createRng(count * 7 + options.strategy.length);
  const nq = options.strategy === 'answer-augmentation' ? 0 : options.strategy === 'new-question' ? count : Math.floor(count / 3);
  const questions = inventQuestions(nq, createRng(count + 1));
  const teacherSpent = count;
  const augmenterSpent = Math.ceil(nq / NQ_PER_CALL);
  yield {
    type: 'run-start', at: AT, runId: RUN, strategy: nq === count ? 'new-question' : 'answer-augmentation', seedFile: options.seedFile, seedCount: seeds.length,
    limits: { teacher: teacherSpent, augmenter: Math.max(augmenterSpent, teacherSpent) }, teacher: TEACHER, augmenter: TEACHER, exampleSampleIds: [], options: {},
  };
  let attempt = 0;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const isNq = i < nq;
    const seed = seeds[i % seeds.length]!;
    let strategy: StrategyId;
    let unitKey: string;
    let outputKey: string;
    let question: string;
    let answer: string;
    const calls: CallRecord[] = [];
    if (isNq) {
      const q = questions[i] ?? { question: `How many pencils are in box ${i}?`, answer: 12, reason: 'Given.' };
      strategy = 'new-question';
      unitKey = `nq:${Math.floor(i / NQ_PER_CALL)}`;
      outputKey = `q${i % NQ_PER_CALL}`;
      // Now and then the augmenter asks a question again: its answers must agree.
      question = i % 11 === 10 ? (questions[i - 5]?.question ?? q.question) : q.question;
      answer = `${q.reason}\n#### ${chance(rng, 0.1) ? q.answer + 1 : q.answer}`;
      if (i % NQ_PER_CALL === 0) {
        const attemptId = `${RUN}:${attempt++}`;
        const key = `aug-${i}`;
        yield { type: 'reserve', at: AT, attemptId, role: 'augmenter', runId: RUN };
        const batch = questions.slice(i, i + NQ_PER_CALL).map((b) => ({ question: b.question, answerable: true, reason: 'It has a number.' }));
        yield completion('augmenter', key, attemptId, JSON.stringify({ questions: batch }));
      }
      calls.push(call('augmenter', `aug-${i - (i % NQ_PER_CALL)}`, 200));
    } else {
      const k = i - nq;
      strategy = 'answer-augmentation';
      unitKey = answerAugmentationKey(seed, Math.floor(k / seeds.length));
      outputKey = 'a0';
      question = seed.question;
      const gold = /####\s*(\S+)/.exec(seed.answer)?.[1] ?? '0';
      answer = `Step ${k % 7}: work it through, ${rng.pick(['carefully', 'in order', 'once more', 'slowly'])}.\n#### ${chance(rng, 0.15) ? `${gold}0` : gold}`;
    }
    const attemptId = `${RUN}:${attempt++}`;
    const cacheKey = `t-${i}`;
    yield { type: 'reserve', at: AT, attemptId, role: 'teacher', runId: RUN };
    yield completion('teacher', cacheKey, attemptId, answer);
    calls.push(call('teacher', cacheKey, 60));
    const flags: SampleFlag[] = chance(rng, 0.02) ? ['no-final-answer'] : chance(rng, 0.01) ? ['truncated', 'no-final-answer'] : [];
    const sample: Sample = {
      id: sampleIdOf(unitKey, outputKey), unitKey, runId: RUN, outputKey, strategy, question, answer, flags,
      seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls,
      teacher: TEACHER, augmenter: isNq ? TEACHER : null, createdAt: AT,
    };
    ids.push(sample.id);
    yield { type: 'sample', at: AT, sample };
    if (options.repeatEvery !== undefined && i % options.repeatEvery === options.repeatEvery - 1) {
      // A resumed run writing the same sample again: the first write stands.
      yield { type: 'sample', at: AT, sample: { ...sample, answer: `${sample.answer} (second write)` } };
    }
  }
  yield { type: 'run-end', at: AT, runId: RUN, reason: 'done' };
  const decided = options.decided ?? 0.4;
  for (const id of ids) {
    if (!chance(rng, decided)) continue;
    const roll = rng.next();
    if (roll < 0.6) yield { type: 'decision', at: AT, sampleId: id, decision: 'accept', source: 'cli' };
    else if (roll < 0.85) yield { type: 'decision', at: AT, sampleId: id, decision: 'reject', reason: 'wrong', source: 'editor' };
    else if (roll < 0.95) yield { type: 'decision', at: AT, sampleId: id, decision: 'accept', edited: { question: `Edited: how many pencils are there in all, case ${id}?`, answer: 'Add them.\n#### 7' }, source: 'editor' };
    else {
      yield { type: 'decision', at: AT, sampleId: id, decision: 'reject', source: 'auto', reason: 'auto-rejected: gold-match' };
      yield { type: 'decision', at: AT, sampleId: id, decision: 'reset', source: 'cli' };
    }
  }
}

/** Writes the journal to `path` with the stream's backpressure (a 1M-sample journal is never one string). */
export async function writeSyntheticJournal(path: string, options: SyntheticOptions): Promise<{ events: number }> {
  const out = createWriteStream(path);
  let events = 0;
  for (const event of syntheticEvents(options)) {
    events += 1;
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { events };
}
