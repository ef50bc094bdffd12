// The answer profile: `seedsmith inspect --json` names the kind of each fixture file, with what
// the kind needs (marker, labels, schema, language, length range), and the user can override it.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANSWER_KINDS, AnswerProfileBuilder, classifyAnswer, profileSeeds, readSql, SQL_PARSE_SAMPLE } from '../../src/core/profile/index.ts';
import type { AnswerKind, AnswerProfile } from '../../src/core/profile/index.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/index.ts';
import { seedsmith, seedsmithHere } from '../support/engineCli.ts';
import { SQL_SCHEMA, writeKindFixtures } from '../support/kindFixtures.ts';
import { makeTempDir, seedFileText } from '../support/seedFixtures.ts';

async function profileOf(file: string, ...args: string[]): Promise<AnswerProfile> {
  const run = await seedsmithHere(['inspect', file, '--json', ...args]);
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { answerProfile: AnswerProfile }).answerProfile;
}

describe('answer profile through seedsmith inspect', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let files: Record<AnswerKind, string>;

  before(async () => {
    dir = await makeTempDir();
    files = await writeKindFixtures(dir.path);
  });
  after(async () => {
    await dir.remove();
  });

  for (const kind of ANSWER_KINDS) {
    it(`reports ${kind} for the ${kind} fixture, every seed agreeing`, async () => {
      const profile = await profileOf(files[kind]);
      assert.equal(profile.kind, kind);
      assert.equal(profile.share, 1);
      assert.equal(profile.source, 'detected');
      assert.equal(profile.counts[kind], profile.seeds);
    });
  }

  it('GSM8K-style seeds are numeric with the #### marker (a real process, as scripts run it)', async () => {
    const run = await seedsmith(['inspect', files.numeric, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const { answerProfile } = JSON.parse(run.stdout) as { answerProfile: AnswerProfile };
    assert.deepEqual({ kind: answerProfile.kind, share: answerProfile.share, marker: answerProfile.marker, seeds: answerProfile.seeds }, { kind: 'numeric', share: 1, marker: '####', seeds: 30 });
  });

  it('lists the labels of a classification file, most frequent first', async () => {
    const profile = await profileOf(files.label);
    assert.deepEqual(profile.labels, ['positive', 'negative', 'neutral']);
  });

  it('infers the JSON schema: keys, types, required = present in every answer', async () => {
    const profile = await profileOf(files.json);
    assert.deepEqual(profile.schema, {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' }, city: { type: 'string' }, email: { type: 'string' } },
      required: ['name', 'age', 'city'],
      additionalProperties: false,
    });
    // Alpaca inputs are the seeds' context.
    assert.deepEqual(profile.context, { seeds: 12, share: 1 });
  });

  it('names the code language and the fence; the text length range; SQL seeds with their schema as context', async () => {
    const code = await profileOf(files.code);
    assert.equal(code.language, 'python');
    assert.equal(code.fenced, true);
    const text = await profileOf(files.text);
    assert.deepEqual(text.lengthRange, { min: 22, max: 22, unit: 'words' });
    assert.deepEqual(text.context, { seeds: 10, share: 1 });
    const sql = await profileOf(files.sql);
    assert.equal(sql.fenced, false);
    assert.deepEqual(sql.context, { seeds: 10, share: 1 });
  });

  it('shows the kind in the summary', async () => {
    const run = await seedsmithHere(['inspect', files.label]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}answers: label \(100% of 24 seeds\); labels: "positive", "negative", "neutral"$/m);
    const numeric = await seedsmithHere(['inspect', files.numeric]);
    assert.match(numeric.stdout, /^ {2}answers: numeric \(100% of 30 seeds\); final answer after ####$/m);
  });

  it('--answer-kind overrides detection and says how many seeds fit', async () => {
    const profile = await profileOf(files.sql, '--answer-kind', 'text');
    assert.deepEqual({ kind: profile.kind, source: profile.source, share: profile.share }, { kind: 'text', source: 'setting', share: 0 });
    const bad = await seedsmithHere(['inspect', files.sql, '--answer-kind', 'prose']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--answer-kind must be auto or one of numeric, label, json, sql, code, text; got "prose"/);
  });

  it('reads answerKind from seedsmith.jsonc beside the seeds, and points at a bad value', async () => {
    const project = await makeTempDir();
    try {
      const seeds = join(project.path, 'seeds.jsonl');
      await writeFile(seeds, seedFileText(5));
      await writeFile(join(project.path, 'seedsmith.jsonc'), '{\n  // these are labels really\n  "answerKind": "label"\n}\n');
      const profile = await profileOf(seeds);
      assert.deepEqual({ kind: profile.kind, source: profile.source }, { kind: 'label', source: 'setting' });
      await writeFile(join(project.path, 'seedsmith.jsonc'), '{\n  "answerKind": "numbers"\n}\n');
      const run = await seedsmithHere(['inspect', seeds, '--json']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /seedsmith\.jsonc:2:17: "answerKind" must be "auto" or one of "numeric"/);
    } finally {
      await project.remove();
    }
  });
});

describe('answer kind of one answer', () => {
  const cases: readonly [string, string][] = [
    ['Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72', 'numeric'],
    ['So the total is \\boxed{18}.', 'numeric'],
    ['Adding them gives 12.\nThe answer is 12.', 'numeric'],
    ['$1,200.50', 'numeric'],
    ['{"name": "Ada", "tags": ["x"]}', 'json'],
    ['```json\n{"a": 1}\n```', 'json'],
    ["SELECT name FROM singer WHERE age > 30 ORDER BY name", 'sql'],
    ['```sql\nSELECT count(*) FROM concert\n```', 'sql'],
    ['```python\nprint(1)\n```', 'code'],
    ['def square(x):\n    return x * x\n\nprint(square(3))', 'code'],
    ['positive', 'short'],
    ['With two apples and three pears, the basket holds five fruits in all, which is plenty.', 'text'],
    ['Select the red one. It is the ripest of the lot and the sweetest.', 'text'],
  ];
  it('a SQL-looking answer too long to parse is not parsed, and a huge answer is text without a closer look', () => {
    const long = `SELECT ${'a, '.repeat(8000)}b FROM t`;
    assert.deepEqual(readSql(long), { ok: false, sql: long, reason: 'longer than 20000 characters: not parsed' });
    assert.equal(classifyAnswer(`\`\`\`python\n${'x = 1\n'.repeat(20_000)}\`\`\``).kind, 'text');
  });
  for (const [answer, kind] of cases) {
    it(`${JSON.stringify(answer.slice(0, 40))} is ${kind}`, () => {
      assert.equal(classifyAnswer(answer).kind, kind);
    });
  }
});

describe('answer profile, streamed', () => {
  const seed = (answer: string, context?: string): Pick<Seed, 'answer' | 'context'> => (context === undefined ? { answer } : { answer, context });

  it('is decided by majority, with the share that agrees', () => {
    const profile = profileSeeds([seed('SELECT 1'), seed('SELECT a FROM t'), seed('SELECT b FROM t'), seed('Sorry, no idea how to write that one.')]);
    assert.equal(profile.kind, 'sql');
    assert.equal(profile.share, 0.75);
    assert.equal(profile.counts.text, 1);
  });

  it('short answers without a small closed set are text, not labels', () => {
    const distinct = profileSeeds(['Paris', 'Rome', 'Oslo', 'Lima'].map((a) => seed(a)));
    assert.equal(distinct.kind, 'text');
    // Past the label cap the builder stops collecting values: memory stays bounded.
    const builder = new AnswerProfileBuilder();
    for (let i = 0; i < 10_000; i++) builder.add(seed(`city ${i % 500} x`));
    const many = builder.finish();
    assert.equal(many.kind, 'text');
    assert.equal(many.labels, undefined);
  });

  it('parses a sample of SQL-looking answers, then goes by the opening keyword and the parse rate (big files stay fast)', () => {
    const sql = new AnswerProfileBuilder();
    for (let i = 0; i < SQL_PARSE_SAMPLE; i++) sql.add(seed(`SELECT name FROM singer WHERE age > ${i}`));
    for (let i = 0; i < 10; i++) sql.add(seed('SELECT name FROM WHERE ('));
    assert.equal(sql.finish().counts.sql, SQL_PARSE_SAMPLE + 10);
    const prose = new AnswerProfileBuilder();
    for (let i = 0; i < SQL_PARSE_SAMPLE; i++) prose.add(seed(`With ${i} apples and two pears she has more fruit than before, so she is happy.`));
    prose.add(seed('SELECT 1'));
    assert.deepEqual({ kind: prose.finish().kind, sql: prose.finish().counts.sql }, { kind: 'text', sql: 0 });
  });

  it('numbers used as labels ("0"/"1", star ratings: a tiny closed set, many repeats) are labels, not numeric', () => {
    const binary = profileSeeds(Array.from({ length: 20 }, (_, i) => seed(i % 3 === 0 ? '1' : '0')));
    assert.deepEqual({ kind: binary.kind, share: binary.share, labels: binary.labels }, { kind: 'label', share: 1, labels: ['0', '1'] });
    const stars = profileSeeds(Array.from({ length: 30 }, (_, i) => seed(String(1 + (i % 5)))));
    assert.deepEqual({ kind: stars.kind, labels: stars.labels }, { kind: 'label', labels: ['1', '2', '3', '4', '5'] });
    // Mixed with word labels, one closed set (ties: words first).
    const mixed = profileSeeds(Array.from({ length: 24 }, (_, i) => seed(['0', '1', 'unsure'][i % 3]!)));
    assert.deepEqual({ kind: mixed.kind, labels: mixed.labels }, { kind: 'label', labels: ['unsure', '0', '1'] });
  });

  it('numbers that are answers stay numeric: GSM8K "#### n" (even from a small set), varied bare numbers, amounts, too few repeats', () => {
    const gsm = profileSeeds(Array.from({ length: 20 }, (_, i) => seed(`She has 2 + ${i % 2} apples.\n#### ${2 + (i % 2)}`)));
    assert.deepEqual({ kind: gsm.kind, marker: gsm.marker }, { kind: 'numeric', marker: '####' });
    const varied = profileSeeds(Array.from({ length: 30 }, (_, i) => seed(String(7 * i + 3))));
    assert.deepEqual({ kind: varied.kind, marker: varied.marker }, { kind: 'numeric', marker: 'none' });
    const amounts = profileSeeds(Array.from({ length: 20 }, (_, i) => seed(i % 2 === 0 ? '$5' : '2.5')));
    assert.equal(amounts.kind, 'numeric');
    const few = profileSeeds(['0', '1', '1', '0'].map((a) => seed(a)));
    assert.equal(few.kind, 'numeric', 'four answers are not yet a closed set');
  });

  it('numeric seeds keep the marker most of them use', () => {
    const profile = profileSeeds([seed('so \\boxed{3}'), seed('thus \\boxed{4}'), seed('x\n#### 5')]);
    assert.deepEqual({ kind: profile.kind, marker: profile.marker }, { kind: 'numeric', marker: '\\boxed{}' });
  });

  it('indexing streams every seed to the profile even when the index keeps none, with its context', () => {
    const text = [
      JSON.stringify({ question: 'How many singers?', context: SQL_SCHEMA, answer: 'SELECT count(*) FROM singer' }),
      JSON.stringify({ instruction: 'Extract', input: 'Ada is 3', output: '{"name":"Ada"}' }),
      JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }, { role: 'assistant', content: 'Hello.' }] }),
      JSON.stringify({ question: 'q', schema: { tables: ['t'] }, answer: 'a' }),
      JSON.stringify({ question: 'plain', answer: 'b' }),
    ].join('\n');
    const seen: Seed[] = [];
    const index = indexSeedText(text, { keepSeeds: false, onSeed: (s) => seen.push(s) });
    assert.equal(index.seeds.length, 0);
    assert.deepEqual(seen.map((s) => s.context), [SQL_SCHEMA, 'Ada is 3', 'Be brief.', '{"tables":["t"]}', undefined]);
    // The hash is of question and answer only, as before: sessions made before contexts still match.
    assert.equal(seen[0]?.hash, indexSeedText(JSON.stringify({ question: 'How many singers?', answer: 'SELECT count(*) FROM singer' })).seeds[0]?.hash);
  });
});
