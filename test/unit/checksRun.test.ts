// Every check on a small session built event by event, the auto-reject policy and the review queue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoRejections, isAutoRejected } from '../../src/core/checks/autoReject.ts';
import { reviewQueue } from '../../src/core/review/reviewQueue.ts';
import { runChecks, SampleChecker } from '../../src/core/checks/runChecks.ts';
import type { CheckId, CheckResult } from '../../src/core/checks/types.ts';
import type { DecisionEvent, JournalEvent } from '../../src/core/journal/events.ts';
import { applyEvent, reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample, SampleFlag, StrategyId } from '../../src/core/samples/sample.ts';
import { seedHash } from '../../src/core/seeds/seedHash.ts';
import type { Seed } from '../../src/core/seeds/types.ts';

const at = '2025-03-01T12:00:00.000Z';

const seed = (line: number, question: string, answer: string): Seed => ({ line, question, answer, hash: seedHash(question, answer) });
const SEEDS: Seed[] = [
  seed(1, 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?', 'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72'),
  seed(2, 'Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?', 'Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10.\n#### 10'),
  seed(3, 'Betty is saving money for a new wallet which costs $100. Betty has only half of the money she needs. How much more money does Betty need?', 'In the beginning, Betty has only 100 / 2 = $<<100/2=50>>50.\n#### 50'),
];

interface Spec {
  id: string;
  strategy?: StrategyId;
  question?: string;
  answer: string;
  seedLine?: number;
  flags?: SampleFlag[];
  finishReason?: string;
}

function makeSample(spec: Spec): Sample {
  const s = SEEDS[(spec.seedLine ?? 1) - 1]!;
  const strategy = spec.strategy ?? 'answer-augmentation';
  return {
    id: spec.id, unitKey: `u-${spec.id}`, runId: 'r1', outputKey: spec.id, strategy,
    question: spec.question ?? s.question, answer: spec.answer, flags: spec.flags ?? [],
    seedLines: strategy === 'new-question' ? SEEDS.map((x) => x.line) : [s.line],
    seedHashes: strategy === 'new-question' ? SEEDS.map((x) => x.hash) : [s.hash],
    exampleSampleIds: [],
    calls: [{ role: 'teacher', cacheKey: `k-${spec.id}`, prompt: { id: 'answer.cot.v1', hash: 'p1' }, sampling: { temperature: 0.7, maxTokens: 512 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: spec.finishReason ?? 'stop', bought: true }],
    teacher: { model: 't', endpoint: 'http://t' }, augmenter: strategy === 'answer-augmentation' ? null : { model: 'a', endpoint: 'http://t' }, createdAt: at,
  };
}

const sampleEvent = (spec: Spec): JournalEvent => ({ type: 'sample', at, sample: makeSample(spec) });
const decision = (sampleId: string, d: DecisionEvent['decision'], extra: Partial<DecisionEvent> = {}): DecisionEvent => ({ type: 'decision', at, sampleId, decision: d, source: 'cli', ...extra });

function resultOf(results: ReadonlyMap<string, readonly CheckResult[]>, id: string, check: CheckId): CheckResult {
  const result = results.get(id)?.find((r) => r.check === check);
  assert.ok(result, `no ${check} result for ${id}`);
  return result;
}

const QR_QUESTION = 'In April Natalia sold clips to 48 friends; in May she sold half as many. What is the total number of clips she sold in April and May?';

function session() {
  return reduceJournal([
    // Answer augmentation on seed 1 (gold 72).
    sampleEvent({ id: 'aa-right', answer: 'Half of 48 is 24.\nSo 48 + 24 = 72.\n#### 72' }),
    sampleEvent({ id: 'aa-wrong', answer: 'Half of 48 is 24.\nSo 48 + 20 = 68.\n#### 68' }),
    sampleEvent({ id: 'aa-comma', answer: 'In all she sold 72.0 clips.\nThe answer is 72 clips.' }),
    sampleEvent({ id: 'aa-noline', answer: 'Half of 48 is 24, and 48 and 24 make 72 clips' }),
    sampleEvent({ id: 'aa-copy', answer: SEEDS[0]!.answer }),
    sampleEvent({ id: 'aa-cut', answer: 'Half of 48 is', flags: ['truncated', 'no-final-answer'], finishReason: 'length' }),
    sampleEvent({ id: 'aa-refused', answer: "I'm sorry, but I can't help with that.", flags: ['refusal'] }),
    // Question rephrase of seed 2 (gold 10) and seed 1.
    sampleEvent({ id: 'qr-ok', strategy: 'question-rephrase', seedLine: 1, question: QR_QUESTION, answer: '48 / 2 = 24 and 48 + 24 = 72.\n#### 72' }),
    sampleEvent({ id: 'qr-same', strategy: 'question-rephrase', seedLine: 2, question: SEEDS[1]!.question.toUpperCase(), answer: '#### $10.00' }),
    sampleEvent({ id: 'qr-leak', strategy: 'question-rephrase', seedLine: 3, question: 'Rephrasings: Betty wants a $100 wallet and has half. How much more does she need?', answer: '#### 50' }),
    // New questions.
    sampleEvent({ id: 'nq-a', strategy: 'new-question', question: 'A farmer has 17 cows and buys 5 more each week. How many cows does he have after 3 weeks?', answer: '5 * 3 = 15, 17 + 15 = 32.\n#### 32' }),
    sampleEvent({ id: 'nq-b', strategy: 'new-question', question: 'A farmer has 17 cows and buys 5 more each week. How many cows does he have after 3 weeks?', answer: '#### 32' }),
    sampleEvent({ id: 'nq-c', strategy: 'new-question', question: 'a farmer has 17 cows and buys 5 more each week; how many cows does he have after 3 weeks', answer: '#### 31' }),
    sampleEvent({ id: 'nq-near', strategy: 'new-question', question: 'A farmer has 17 cows and buys 5 more cows each week. How many cows does the farmer have after 3 weeks?', answer: '#### 32' }),
    sampleEvent({ id: 'nq-short', strategy: 'new-question', question: 'Add 2?', answer: '#### 2' }),
    sampleEvent({ id: 'nq-long', strategy: 'new-question', question: `${'A long story about a shop and a clock tower that keeps going. '.repeat(12)}How many?`, answer: '#### 1' }),
    sampleEvent({ id: 'nq-unanswerable', strategy: 'new-question', question: 'How many grains of sand are on every beach of a planet nobody has seen?', answer: '', flags: ['unanswerable'] }),
    sampleEvent({ id: 'nq-task', strategy: 'new-question', question: 'Task: new_questions\nHow many pencils are left if Mei has 30 and gives away 12?', answer: '#### 18' }),
    sampleEvent({ id: 'nq-json', strategy: 'new-question', question: 'Mei has 30 pencils and gives away 12 of them to her friends at school. How many does she have left?', answer: '{"questions": [{"question": "x"}]} #### 18' }),
  ]);
}

describe('runChecks', () => {
  const state = session();
  const { results } = runChecks(state, SEEDS);

  it('gold-match: match, mismatch, tricky formats, the last-number fallback, n/a for new questions', () => {
    assert.equal(resultOf(results, 'aa-right', 'gold-match').status, 'pass');
    const wrong = resultOf(results, 'aa-wrong', 'gold-match');
    assert.equal(wrong.status, 'fail');
    assert.match(wrong.detail, /68.*seed line 1.*72/);
    assert.deepEqual(wrong.answers, { expected: '72', got: '68' });
    assert.equal(resultOf(results, 'aa-comma', 'gold-match').status, 'pass');
    const guessed = resultOf(results, 'aa-noline', 'gold-match');
    assert.equal(guessed.status, 'pass');
    assert.match(guessed.detail, /last number/);
    assert.equal(resultOf(results, 'aa-cut', 'gold-match').status, 'fail');
    assert.equal(resultOf(results, 'qr-ok', 'gold-match').status, 'pass');
    assert.equal(resultOf(results, 'qr-same', 'gold-match').status, 'pass');
    assert.equal(resultOf(results, 'nq-a', 'gold-match').status, 'n/a');
    assert.equal(resultOf(results, 'aa-refused', 'gold-match').status, 'warn');
  });

  it('gold-match is n/a without seeds, or when the seed changed since generation', () => {
    assert.equal(runChecks(state, null).results.get('aa-right')?.find((r) => r.check === 'gold-match')?.status, 'n/a');
    const edited = [seed(1, SEEDS[0]!.question, 'A different answer.\n#### 70'), SEEDS[1]!, SEEDS[2]!];
    const result = runChecks(state, edited).results.get('aa-wrong')?.find((r) => r.check === 'gold-match');
    assert.equal(result?.status, 'n/a');
    assert.match(result?.detail ?? '', /seed line 1 is not in the seeds given/);
  });

  it('agreement: answers to the same new question, n/a with no other answer', () => {
    assert.equal(resultOf(results, 'nq-a', 'agreement').status, 'warn');
    assert.match(resultOf(results, 'nq-a', 'agreement').detail, /agrees with 1 of 2/);
    assert.equal(resultOf(results, 'nq-c', 'agreement').status, 'fail');
    assert.equal(resultOf(results, 'nq-near', 'agreement').status, 'n/a');
    assert.match(resultOf(results, 'nq-near', 'agreement').detail, /no reference/);
    assert.equal(resultOf(results, 'aa-right', 'agreement').status, 'n/a');
  });

  it('duplicate: exact and near, naming the nearest; a rephrasing may be close to its own seed', () => {
    const copy = resultOf(results, 'aa-copy', 'duplicate');
    assert.equal(copy.status, 'fail');
    assert.deepEqual(copy.nearest, { item: { kind: 'seed', line: 1 }, score: 1, exact: true });
    // Of two identical pending questions, only the later one is the duplicate.
    assert.equal(resultOf(results, 'nq-a', 'duplicate').status, 'pass');
    assert.deepEqual(resultOf(results, 'nq-b', 'duplicate').nearest, { item: { kind: 'sample', id: 'nq-a' }, score: 1, exact: true });
    assert.equal(resultOf(results, 'nq-c', 'duplicate').status, 'fail');
    const near = resultOf(results, 'nq-near', 'duplicate');
    assert.equal(near.status, 'fail');
    assert.equal(near.nearest?.exact, false);
    assert.ok((near.nearest?.score ?? 0) > 0.7 && (near.nearest?.score ?? 1) < 1, near.detail);
    const rephrase = resultOf(results, 'qr-ok', 'duplicate');
    assert.equal(rephrase.status, 'pass');
    assert.match(rephrase.detail, /own seed line 1/);
    assert.equal(resultOf(results, 'qr-same', 'duplicate').status, 'fail');
    assert.match(resultOf(results, 'qr-same', 'duplicate').detail, /identical to its own seed line 2/);
    // Different reasoning to the same question is no duplicate.
    assert.equal(resultOf(results, 'aa-wrong', 'duplicate').status, 'pass');
  });

  it('refusal, empty, truncated and self-check come from flags and text', () => {
    assert.equal(resultOf(results, 'aa-refused', 'refusal').status, 'fail');
    assert.equal(resultOf(results, 'aa-right', 'refusal').status, 'pass');
    assert.equal(resultOf(results, 'aa-cut', 'truncated').status, 'fail');
    assert.equal(resultOf(results, 'aa-right', 'truncated').status, 'pass');
    assert.equal(resultOf(results, 'nq-unanswerable', 'empty').status, 'fail');
    assert.match(resultOf(results, 'nq-unanswerable', 'empty').detail, /unanswerable/);
    assert.equal(resultOf(results, 'nq-unanswerable', 'self-check').status, 'fail');
    assert.equal(resultOf(results, 'nq-a', 'self-check').status, 'pass');
    assert.equal(resultOf(results, 'aa-right', 'self-check').status, 'n/a');
  });

  it('length: relative to the seed questions', () => {
    assert.equal(resultOf(results, 'nq-short', 'length').status, 'fail');
    assert.equal(resultOf(results, 'nq-long', 'length').status, 'fail');
    assert.equal(resultOf(results, 'nq-a', 'length').status, 'pass');
    assert.equal(resultOf(results, 'aa-right', 'length').status, 'n/a');
  });

  it('scaffolding-leak: template labels, the JSON envelope, but not the seeds own format', () => {
    assert.equal(resultOf(results, 'nq-task', 'scaffolding-leak').status, 'fail');
    assert.match(resultOf(results, 'nq-task', 'scaffolding-leak').detail, /prompt label in the question/);
    assert.equal(resultOf(results, 'qr-leak', 'scaffolding-leak').status, 'fail');
    assert.equal(resultOf(results, 'nq-json', 'scaffolding-leak').status, 'fail');
    assert.match(resultOf(results, 'nq-json', 'scaffolding-leak').detail, /JSON envelope.*answer/);
    assert.equal(resultOf(results, 'aa-right', 'scaffolding-leak').status, 'pass');
    // GSM8K answers hold "####"; a question holding it is a leak.
    assert.equal(resultOf(results, 'aa-copy', 'scaffolding-leak').status, 'pass');
    const labelled = [seed(1, 'Question: what is 2 + 2?', '#### 4')];
    const checker = new SampleChecker(labelled);
    const res = checker.checkAndAdd(makeSample({ id: 'x', strategy: 'new-question', question: 'Question: what is 3 + 5?', answer: '#### 8' }));
    assert.equal(res.find((r) => r.check === 'scaffolding-leak')?.status, 'pass');
  });

  it('checks the current text: an accepted edit replaces the model text', () => {
    const edited = session();
    applyEvent(edited, decision('aa-wrong', 'accept', { edited: { question: SEEDS[0]!.question, answer: 'Half of 48 is 24; 48 + 24 = 72.\n#### 72' } }));
    applyEvent(edited, decision('aa-cut', 'accept', { edited: { question: SEEDS[0]!.question, answer: 'Half of 48 is 24, so 72 in all.\n#### 72' } }));
    const again = runChecks(edited, SEEDS).results;
    assert.equal(resultOf(again, 'aa-wrong', 'gold-match').status, 'pass');
    assert.equal(resultOf(again, 'aa-cut', 'truncated').status, 'pass');
    assert.match(resultOf(again, 'aa-cut', 'truncated').detail, /edited/);
  });

  it('incremental checking of one new sample matches a full run', () => {
    const checker = new SampleChecker(SEEDS);
    const first = makeSample({ id: 'n1', strategy: 'new-question', question: 'A shop sells 14 pens a day. How many pens does it sell in 9 days?', answer: '#### 126' });
    const second = makeSample({ id: 'n2', strategy: 'new-question', question: 'A shop sells 14 pens a day. How many pens does it sell in 9 days?', answer: '#### 126' });
    assert.equal(checker.checkAndAdd(first).find((r) => r.check === 'duplicate')?.status, 'pass');
    const next = checker.checkAndAdd(second);
    assert.equal(next.find((r) => r.check === 'duplicate')?.status, 'fail');
    assert.equal(next.find((r) => r.check === 'agreement')?.status, 'pass');
    const full = runChecks(reduceJournal([{ type: 'sample', at, sample: first }, { type: 'sample', at, sample: second }]), SEEDS).results;
    assert.deepEqual(full.get('n2'), next);
  });
});

describe('auto-reject policy', () => {
  it('rejects pending samples failing the chosen checks, with source auto and the check named', () => {
    const state = session();
    applyEvent(state, decision('nq-b', 'accept'));
    const { results } = runChecks(state, SEEDS);
    const rejections = autoRejections(state, results, { checks: ['duplicate', 'refusal'] }, at);
    const ids = rejections.map((r) => r.sampleId).sort();
    // nq-b was accepted by a person: never auto-rejected, even though nq-a now duplicates it.
    assert.ok(!ids.includes('nq-b'));
    assert.ok(ids.includes('nq-a'), ids.join(' '));
    assert.ok(ids.includes('aa-copy') && ids.includes('aa-refused') && ids.includes('qr-same'), ids.join(' '));
    assert.ok(!ids.includes('aa-wrong'), 'gold-match was not chosen');
    for (const r of rejections) {
      assert.equal(r.event.source, 'auto');
      assert.equal(r.event.decision, 'reject');
      assert.match(r.event.reason ?? '', new RegExp(`^auto-rejected by check (${r.checks.join('|')}):`));
    }
    for (const r of rejections) applyEvent(state, r.event);
    assert.ok(isAutoRejected(state.reviews.get('aa-copy')));
    assert.ok(state.samples.has('aa-copy'), 'nothing is deleted');
    // A person resets one: it is theirs now, and the policy leaves it alone.
    applyEvent(state, decision('aa-copy', 'reset'));
    assert.equal(state.reviews.get('aa-copy')?.state, 'pending');
    assert.ok(!isAutoRejected(state.reviews.get('aa-copy')));
    const again = autoRejections(state, runChecks(state, SEEDS).results, { checks: ['duplicate', 'refusal'] }, at);
    assert.ok(!again.some((r) => r.sampleId === 'aa-copy'));
    assert.equal(again.length, 0);
  });

  it('warnings never reject, and an empty policy rejects nothing', () => {
    const state = session();
    const { results } = runChecks(state, SEEDS);
    assert.equal(autoRejections(state, results, { checks: [] }, at).length, 0);
    const byAgreement = autoRejections(state, results, { checks: ['agreement'] }, at).map((r) => r.sampleId);
    assert.deepEqual(byAgreement, ['nq-c']);
  });
});

describe('review queue order', () => {
  it('puts samples failing a check first, with the flagged ones, keeping generation order within each part', () => {
    const state = session();
    const { results } = runChecks(state, SEEDS);
    const failsCheck = (id: string) => (results.get(id) ?? []).some((r) => r.status === 'fail');
    const generated = reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: false, failsCheck });
    assert.deepEqual(generated, [...state.samples.keys()]);
    const first = reviewQueue(state, { filter: 'pending', strategy: 'all', flaggedFirst: true, failsCheck });
    const doubtful = (id: string) => failsCheck(id) || (state.samples.get(id)?.flags.length ?? 0) > 0;
    const split = first.findIndex((id) => !doubtful(id));
    assert.ok(split > 0, 'some samples fail a check');
    assert.ok(first.slice(split).every((id) => !doubtful(id)), first.join(' '));
    assert.deepEqual(first.slice(0, split), generated.filter(doubtful));
    applyEvent(state, decision('aa-right', 'accept'));
    assert.deepEqual(reviewQueue(state, { filter: 'accepted', strategy: 'all', flaggedFirst: true, failsCheck }), ['aa-right']);
  });
});
