// Checks per answer kind: a right-shaped answer passes, a wrong-shaped one is flagged, and a check
// that cannot decide says "n/a, because …". Profiles come from the fixture seed files, as inspect
// computes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeChecks, jsonChecks, kindChecks, labelChecks, numericChecks, sampleKindChecks, textChecks } from '../../src/core/checks/kinds/index.ts';
import { SeedLookup } from '../../src/core/checks/seedLookup.ts';
import type { Sample, StrategyId } from '../../src/core/samples/sample.ts';
import type { KindCheckResult } from '../../src/core/checks/kinds/index.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';
import type { AnswerKind, AnswerProfile } from '../../src/core/profile/index.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import { KIND_FIXTURES } from '../support/kindFixtures.ts';

function profileOf(kind: AnswerKind): AnswerProfile {
  return profileSeeds(indexSeedText(KIND_FIXTURES[kind]()).seeds);
}

function statuses(results: readonly KindCheckResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.check, r.status]));
}

describe('numeric checks', () => {
  const profile = profileOf('numeric');
  const gold = 'She buys 3 * 4 = <<3*4=12>>12 pens.\n#### 12';

  it('the gold match of today and the seeds\' marker', () => {
    assert.deepEqual(statuses(numericChecks({ gold, answer: 'Three packs of four make 12.\n#### 12' }, profile)), { 'numeric-gold': 'pass', 'numeric-marker': 'pass' });
    assert.deepEqual(statuses(numericChecks({ gold, answer: 'That is \\boxed{13}.' }, profile)), { 'numeric-gold': 'fail', 'numeric-marker': 'warn' });
    const noMarker = numericChecks({ gold, answer: 'It is twelve pens, 12 in all' }, profile);
    assert.deepEqual(statuses(noMarker), { 'numeric-gold': 'pass', 'numeric-marker': 'fail' });
    assert.match(noMarker[1]?.detail ?? '', /no final answer after ####/);
  });

  it('n/a for a new question, with the reason', () => {
    const [goldCheck] = numericChecks({ answer: '#### 4' }, profile);
    assert.equal(goldCheck?.status, 'n/a');
    assert.equal(goldCheck?.detail, 'n/a, because a new question has no gold answer');
  });
});

describe('label checks', () => {
  const profile = profileOf('label');

  it('in the set and equal to the gold; the gold itself is correct', () => {
    assert.deepEqual(statuses(labelChecks({ gold: 'negative', answer: 'negative' }, profile)), { 'label-in-set': 'pass', 'label-gold': 'pass' });
    assert.deepEqual(statuses(labelChecks({ gold: 'negative', answer: 'positive' }, profile)), { 'label-in-set': 'pass', 'label-gold': 'fail' });
    assert.deepEqual(statuses(labelChecks({ gold: 'negative', answer: 'Negative.' }, profile)), { 'label-in-set': 'warn', 'label-gold': 'warn' });
  });

  it('an answer in the wrong shape is flagged', () => {
    const [inSet] = labelChecks({ answer: 'The review sounds rather unhappy to me.\n#### negative' }, profile);
    assert.equal(inSet?.status, 'fail');
    assert.match(inSet?.detail ?? '', /is not one of the labels "positive", "negative", "neutral"/);
  });
});

describe('json checks', () => {
  const profile = profileOf('json');
  const gold = '{"name":"Ada","age":20,"city":"Utrecht","email":"ada@example.org"}';

  it('parses, fits the schema, equals the gold field by field (key order free)', () => {
    assert.deepEqual(statuses(jsonChecks({ gold, answer: '{"email":"ada@example.org","city":"Utrecht","age":20,"name":"Ada"}' }, profile)), { 'json-parses': 'pass', 'json-schema': 'pass', 'json-gold': 'pass' });
  });

  it('names the fields that differ and the schema problems', () => {
    const results = jsonChecks({ gold, answer: '{"name":"Ada","age":"20","town":"Utrecht"}' }, profile);
    assert.deepEqual(statuses(results), { 'json-parses': 'pass', 'json-schema': 'fail', 'json-gold': 'fail' });
    assert.match(results[1]?.detail ?? '', /\$: missing "city"; \$\.age: string, expected integer; \$: unexpected key "town"/);
    assert.match(results[2]?.detail ?? '', /"age": "20" instead of 20; "city" missing/);
  });

  it('prose is not JSON; a fenced object is a warning', () => {
    const prose = jsonChecks({ answer: 'Ada is 20 and lives in Utrecht.' }, profile);
    assert.deepEqual(statuses(prose), { 'json-parses': 'fail', 'json-schema': 'n/a', 'json-gold': 'n/a' });
    assert.equal(prose[1]?.detail, 'n/a, because the answer is not JSON');
    assert.equal(statuses(jsonChecks({ answer: '```json\n{"name":"Bo","age":3,"city":"Porto"}\n```' }, profile))['json-parses'], 'warn');
  });
});

describe('code checks', () => {
  const profile = profileOf('code');

  it('one fenced block in the seeds\' language', () => {
    assert.deepEqual(statuses(codeChecks({ answer: '```python\ndef f(x):\n    return x\n```' }, profile)), { 'code-block': 'pass', 'code-language': 'pass' });
    assert.deepEqual(statuses(codeChecks({ answer: '```javascript\nconst f = (x) => x;\n```' }, profile)), { 'code-block': 'pass', 'code-language': 'fail' });
    assert.deepEqual(statuses(codeChecks({ answer: '```py\ndef f(x):\n    return x\n```\nand\n```py\nprint(f(2))\n```' }, profile)), { 'code-block': 'fail', 'code-language': 'pass' });
  });

  it('prose without code is flagged, and its language is n/a', () => {
    const results = codeChecks({ answer: 'You add the two numbers and return the sum.' }, profile);
    assert.deepEqual(statuses(results), { 'code-block': 'fail', 'code-language': 'n/a' });
    assert.match(results[1]?.detail ?? '', /^n\/a, because /);
  });
});

describe('text checks', () => {
  const profile = profileOf('text');
  const gold = 'In the park, the dog met a frisbee that Ada had left behind. Later that day everyone went home tired but happy.';

  it('length within the seeds\' range, and its own wording', () => {
    const own = textChecks({ gold, answer: 'A dog chased the red frisbee across the park until the sun went down and its owner whistled.' }, profile);
    assert.deepEqual(statuses(own), { 'text-length': 'pass', 'text-copy': 'pass' });
  });

  it('a near-copy of the seed\'s answer fails; a one-word answer is too short', () => {
    const copy = textChecks({ gold, answer: 'In the park, the dog met a frisbee that Ada had left behind. Later everyone went home tired but happy.' }, profile);
    assert.equal(statuses(copy)['text-copy'], 'fail');
    assert.match(copy[1]?.detail ?? '', /near-copy of the seed's answer \(ROUGE-L F 0\.9\d > 0\.7\)/);
    assert.equal(statuses(textChecks({ answer: 'Dog.' }, profile))['text-length'], 'fail');
  });
});

describe('kindChecks dispatches on the profile\'s kind', () => {
  it('runs the checks of the kind, so a wrong-shape answer is flagged by its kind\'s check', () => {
    const answer = 'First count the singers.\n#### 4';
    assert.deepEqual(statuses(kindChecks({ answer, gold: 'SELECT count(*) FROM singer' }, profileOf('sql'))), { 'sql-parses': 'fail' });
    assert.deepEqual(statuses(kindChecks({ answer, gold: 'Ran 3 + 1 = 4.\n#### 4' }, profileOf('numeric'))), { 'numeric-gold': 'pass', 'numeric-marker': 'pass' });
  });
});

describe('sampleKindChecks: a session sample with its seed\'s gold', () => {
  const seeds = indexSeedText(KIND_FIXTURES.label()).seeds;
  const seed = seeds[1]!;
  const profile = profileSeeds(seeds);
  const sample = (strategy: StrategyId, hash = seed.hash): Sample => ({
    id: 's1', unitKey: 'u1', runId: 'r1', outputKey: 's1', strategy, question: seed.question, answer: 'positive', flags: [],
    seedLines: [seed.line], seedHashes: [hash], exampleSampleIds: [], calls: [],
    teacher: { model: 't', endpoint: 'http://t' }, augmenter: null, createdAt: '2025-03-01T12:00:00.000Z',
  });

  it('compares an augmented answer with its seed\'s label; a new question has none; a changed seed file says so', () => {
    assert.equal(seed.answer, 'negative');
    const lookup = new SeedLookup(seeds);
    const aa = sampleKindChecks(sample('answer-augmentation'), { question: seed.question, answer: 'negative', edited: false }, lookup, profile);
    assert.deepEqual(statuses(aa), { 'label-in-set': 'pass', 'label-gold': 'pass' });
    const wrong = sampleKindChecks(sample('question-rephrase'), { question: 'Rephrased?', answer: 'neutral', edited: false }, lookup, profile);
    assert.deepEqual(statuses(wrong), { 'label-in-set': 'pass', 'label-gold': 'fail' });
    const nq = sampleKindChecks(sample('new-question'), { question: 'New?', answer: 'neutral', edited: false }, lookup, profile);
    assert.equal(nq[1]?.detail, 'n/a, because a new question has no gold answer');
    const gone = sampleKindChecks(sample('answer-augmentation', 'feedfeedfeedfeed'), { question: seed.question, answer: 'neutral', edited: false }, lookup, profile);
    assert.match(gone[1]?.detail ?? '', /^n\/a, because seed line 2 is not in the seeds given/);
  });
});

describe('bounded work on huge or hostile answers', () => {
  it('a JSON answer nested thousands deep is n/a for the gold comparison, not a stack overflow', () => {
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const results = jsonChecks({ answer: nested, gold: nested }, {});
    assert.equal(results[2]?.detail, 'n/a, because the values are nested too deeply to compare');
  });

  it('text-copy bounds ROUGE-L by the lengths before computing it, and computes long pairs bit-parallel', () => {
    const range = { lengthRange: { min: 1, max: 10, unit: 'words' as const } };
    const [, far] = textChecks({ answer: 'word '.repeat(200_000), gold: 'word '.repeat(5000) }, range);
    assert.equal(far?.detail, "its own wording (ROUGE-L F at most 0.05 against the seed's answer)");
    const [, near] = textChecks({ answer: 'a b c d e '.repeat(10_000), gold: 'a b c d f '.repeat(10_000) }, range);
    assert.equal(near?.detail, "a near-copy of the seed's answer (ROUGE-L F 0.80 > 0.7)");
  });
});
