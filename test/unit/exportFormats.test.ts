// The export formats: each validator accepts its own records and rejects wrong lines; the export
// holds accepted samples (edited text where edited) and nothing pending or rejected unless asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExport, seedContexts } from '../../src/core/export/buildExport.ts';
import { EXPORT_FORMATS, formatRecord } from '../../src/core/export/formats.ts';
import type { ExportFormat } from '../../src/core/export/formats.ts';
import { lineProblem } from '../../src/core/export/validateLine.ts';
import type { LineageRecord } from '../../src/core/export/lineage.ts';
import type { DecisionEvent, JournalEvent } from '../../src/core/journal/events.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';

const at = '2025-03-01T12:00:00.000Z';

describe('format validators', () => {
  it('accept what formatRecord writes, with and without a system prompt', () => {
    for (const format of EXPORT_FORMATS) {
      assert.equal(lineProblem(format, JSON.stringify(formatRecord(format, 'What is 2 + 2?', '2 + 2 = 4.\n#### 4'))), null, format);
    }
    assert.equal(lineProblem('openai-chat', JSON.stringify(formatRecord('openai-chat', 'Q?', 'A.', 'Be brief.'))), null);
    assert.equal(lineProblem('sharegpt', JSON.stringify(formatRecord('sharegpt', 'Q?', 'A.', 'Be brief.'))), null);
    assert.deepEqual(formatRecord('openai-chat', 'Q?', 'A.', 'S'), { messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'Q?' }, { role: 'assistant', content: 'A.' }] });
    assert.deepEqual(formatRecord('alpaca', 'Q?', 'A.'), { instruction: 'Q?', input: '', output: 'A.' });
    assert.deepEqual(formatRecord('sharegpt', 'Q?', 'A.'), { conversations: [{ from: 'human', value: 'Q?' }, { from: 'gpt', value: 'A.' }] });
    assert.deepEqual(formatRecord('qa', 'Q?', 'A.'), { question: 'Q?', answer: 'A.' });
  });

  const wrong: Record<ExportFormat, readonly [string, RegExp][]> = {
    'openai-chat': [
      ['{"messages":[{"role":"user","content":"Q"}]}', /assistant/],
      ['{"messages":[{"role":"assistant","content":"A"},{"role":"user","content":"Q"}]}', /should be "user"/],
      ['{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":""}]}', /non-empty/],
      ['{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],"id":"x"}', /unexpected "id"/],
      ['{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A","name":"x"}]}', /unexpected "name"/],
      ['{"messages":"hi"}', /list/],
      ['{"conversations":[]}', /missing "messages"/],
      ['[1,2]', /not a JSON object/],
      ['{"messages":', /not JSON/],
    ],
    alpaca: [
      ['{"instruction":"Q","output":"A"}', /missing "input"/],
      ['{"instruction":"","input":"","output":"A"}', /"instruction" must be non-empty/],
      ['{"instruction":"Q","input":3,"output":"A"}', /"input" must be text/],
      ['{"question":"Q","answer":"A"}', /missing/],
    ],
    sharegpt: [
      ['{"conversations":[{"from":"human","value":"Q"},{"from":"assistant","value":"A"}]}', /should be "gpt"/],
      ['{"conversations":[{"from":"human","value":"Q"}]}', /gpt/],
      ['{"conversations":[{"from":"system","value":"S"},{"from":"human","value":"Q"},{"from":"gpt","value":"A"},{"from":"human","value":"Q2"}]}', /last turn/],
      ['{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]}', /missing "conversations"/],
    ],
    qa: [
      ['{"question":"Q"}', /missing "answer"/],
      ['{"question":"Q","answer":"   "}', /"answer" must be non-empty/],
      ['{"question":"Q","answer":"A","lineage":{}}', /unexpected "lineage"/],
      ['{"instruction":"Q","input":"","output":"A"}', /missing/],
    ],
  };
  for (const format of EXPORT_FORMATS) {
    it(`${format} rejects wrong lines`, () => {
      for (const [line, why] of wrong[format]) {
        const problem = lineProblem(format, line);
        assert.ok(problem !== null, `${format} accepted ${line}`);
        assert.match(problem, why, line);
      }
      assert.match(lineProblem(format, `${JSON.stringify(formatRecord(format, 'Q', 'A'))}\n{}`) ?? '', /one line/);
    });
  }
});

function sampleEvent(id: string, question: string, answer: string): JournalEvent {
  const sample: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'question-rephrase', question, answer, flags: [],
    seedLines: [2], seedHashes: ['h2'], exampleSampleIds: [],
    calls: [
      { role: 'augmenter', cacheKey: 'k1', prompt: { id: 'rephrase.v1', hash: 'ph1' }, sampling: { temperature: 1, maxTokens: 100 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', bought: true },
      { role: 'teacher', cacheKey: `k-${id}`, prompt: { id: 'answer.cot.v1', hash: 'ph2' }, sampling: { temperature: 0.7, maxTokens: 100 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', bought: true },
    ],
    teacher: { model: 'teacher-m', endpoint: 'http://t/v1' }, augmenter: { model: 'aug-m', endpoint: 'http://t/v1' }, createdAt: at,
  };
  return { type: 'sample', at, sample };
}
const decide = (sampleId: string, decision: DecisionEvent['decision'], extra: Partial<DecisionEvent> = {}): JournalEvent => ({ type: 'decision', at, sampleId, decision, source: 'cli', ...extra });

describe('buildExport', () => {
  const state = reduceJournal([
    sampleEvent('acc', 'Accepted question?', 'Accepted answer. #### 1'),
    sampleEvent('edit', 'Original question?', 'Original answer. #### 2'),
    sampleEvent('pend', 'Pending question?', 'Pending answer. #### 3'),
    sampleEvent('rej', 'Rejected question?', 'Rejected answer. #### 4'),
    decide('acc', 'accept'),
    decide('edit', 'accept', { edited: { question: 'Edited question?', answer: 'Edited answer. #### 20' } }),
    decide('rej', 'reject', { reason: 'wrong' }),
  ]);
  const seeds: Seed[] = [{ line: 2, question: 'Seed question?', answer: 'Seed answer. #### 9', hash: 'h2' }];
  const texts = (lines: readonly string[]) => lines.map((l) => (JSON.parse(l) as { question: string }).question);

  it('exports accepted samples only, with the edited text, and nothing else by default', () => {
    const build = buildExport(state, { format: 'qa' });
    assert.deepEqual(texts(build.lines), ['Accepted question?', 'Edited question?']);
    assert.deepEqual(JSON.parse(build.lines[1]!), { question: 'Edited question?', answer: 'Edited answer. #### 20' });
    assert.ok(!build.lines.join('\n').includes('Original'));
    assert.ok(!build.lines.join('\n').includes('Pending') && !build.lines.join('\n').includes('Rejected'));
    assert.deepEqual(build.counts, { lines: 2, seeds: 0, accepted: 2, pending: 0, rejected: 0, edited: 1 });
  });

  it('adds pending, rejected and seeds only when asked', () => {
    assert.deepEqual(texts(buildExport(state, { format: 'qa', includePending: true }).lines), ['Accepted question?', 'Edited question?', 'Pending question?']);
    assert.deepEqual(texts(buildExport(state, { format: 'qa', includeRejected: true }).lines), ['Accepted question?', 'Edited question?', 'Rejected question?']);
    const all = buildExport(state, { format: 'qa', seeds, includePending: true, includeRejected: true });
    assert.deepEqual(texts(all.lines), ['Seed question?', 'Accepted question?', 'Edited question?', 'Pending question?', 'Rejected question?']);
    assert.deepEqual(all.counts, { lines: 5, seeds: 1, accepted: 2, pending: 1, rejected: 1, edited: 1 });
  });

  it('writes one lineage record per line, in order, and keeps the training lines clean', () => {
    const build = buildExport(state, { format: 'openai-chat', system: 'Solve it.', seeds, includeRejected: true });
    assert.equal(build.lineage.length, build.lines.length);
    const records = build.lineage.map((l) => JSON.parse(l) as LineageRecord);
    assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 4]);
    assert.deepEqual(records.map((r) => r.sampleId), [null, 'acc', 'edit', 'rej']);
    assert.deepEqual(records[0], { line: 1, source: 'seed', sampleId: null, seedLines: [2], seedHashes: ['h2'], strategy: null, runId: null, createdAt: null, models: { teacher: null, augmenter: null }, prompts: [], exampleSampleIds: [], checks: null, decision: null });
    const edited = records[2]!;
    assert.deepEqual(edited.decision, { state: 'accepted', edited: true, at, source: 'cli', reason: null });
    assert.deepEqual(edited.prompts, [{ role: 'augmenter', id: 'rephrase.v1', hash: 'ph1' }, { role: 'teacher', id: 'answer.cot.v1', hash: 'ph2' }]);
    assert.deepEqual(edited.models, { teacher: { model: 'teacher-m', endpoint: 'http://t/v1' }, augmenter: { model: 'aug-m', endpoint: 'http://t/v1' } });
    assert.equal(records[3]?.decision?.reason, 'wrong');
    for (const line of build.lines) assert.deepEqual(Object.keys(JSON.parse(line) as object), ['messages']);
  });

  it('refuses a line its format would reject, naming the sample', () => {
    const broken = reduceJournal([sampleEvent('empty', 'Question?', ''), decide('empty', 'accept')]);
    const build = buildExport(broken, { format: 'alpaca' });
    assert.equal(build.lines.length, 0);
    assert.deepEqual(build.problems, [{ sampleId: 'empty', seedLine: null, problem: '"output" must be non-empty text' }]);
  });
});

describe('export keeps the context (issue 10)', () => {
  const input = (text: string) => ({ text, source: 'input' as const });
  it('alpaca: a question carrying its seed input gets it back as `input`; without it, input stays empty', () => {
    assert.deepEqual(formatRecord('alpaca', 'Extract the person.\n\nAda is 20.', '{"name":"Ada"}', undefined, input('Ada is 20.')), { instruction: 'Extract the person.', input: 'Ada is 20.', output: '{"name":"Ada"}' });
    assert.deepEqual(formatRecord('alpaca', 'Extract the person.', '{}', undefined, input('Ada is 20.')), { instruction: 'Extract the person.', input: '', output: '{}' });
    // The other formats keep the question whole, input included: each line stays self-contained.
    assert.deepEqual(formatRecord('qa', 'Extract the person.\n\nAda is 20.', '{}', undefined, input('Ada is 20.')), { question: 'Extract the person.\n\nAda is 20.', answer: '{}' });
    assert.deepEqual(formatRecord('openai-chat', 'Extract the person.\n\nAda is 20.', '{}', undefined, input('Ada is 20.')), { messages: [{ role: 'user', content: 'Extract the person.\n\nAda is 20.' }, { role: 'assistant', content: '{}' }] });
  });

  it('a context or schema field goes with the question in the user turn, and is Alpaca\'s input', () => {
    const schema = { text: 'CREATE TABLE singer (name TEXT)', source: 'field' as const };
    const user = 'How many singers?\n\nCREATE TABLE singer (name TEXT)';
    assert.deepEqual(formatRecord('openai-chat', 'How many singers?', 'SELECT count(*) FROM singer', 'Write SQL.', schema), {
      messages: [{ role: 'system', content: 'Write SQL.' }, { role: 'user', content: user }, { role: 'assistant', content: 'SELECT count(*) FROM singer' }],
    });
    assert.deepEqual(formatRecord('sharegpt', 'How many singers?', 'SELECT 1', undefined, schema), { conversations: [{ from: 'human', value: user }, { from: 'gpt', value: 'SELECT 1' }] });
    assert.deepEqual(formatRecord('alpaca', 'How many singers?', 'SELECT 1', undefined, schema), { instruction: 'How many singers?', input: 'CREATE TABLE singer (name TEXT)', output: 'SELECT 1' });
    assert.deepEqual(formatRecord('qa', 'How many singers?', 'SELECT 1', undefined, schema), { question: user, answer: 'SELECT 1' });
  });

  it('a chat seed\'s system message stays the system message (after the export\'s own); formats without one put it before the question', () => {
    const system = { text: 'Answer in two sentences.', source: 'system' as const };
    assert.deepEqual(formatRecord('openai-chat', 'Keywords: dog, park', 'A dog ran.', undefined, system), {
      messages: [{ role: 'system', content: 'Answer in two sentences.' }, { role: 'user', content: 'Keywords: dog, park' }, { role: 'assistant', content: 'A dog ran.' }],
    });
    assert.deepEqual(formatRecord('sharegpt', 'Keywords: dog, park', 'A dog ran.', 'Be kind.', system), {
      conversations: [{ from: 'system', value: 'Be kind.\n\nAnswer in two sentences.' }, { from: 'human', value: 'Keywords: dog, park' }, { from: 'gpt', value: 'A dog ran.' }],
    });
    assert.deepEqual(formatRecord('alpaca', 'Keywords: dog, park', 'A dog ran.', undefined, system), { instruction: 'Answer in two sentences.\n\nKeywords: dog, park', input: '', output: 'A dog ran.' });
    assert.deepEqual(formatRecord('qa', 'Keywords: dog, park', 'A dog ran.', undefined, system), { question: 'Answer in two sentences.\n\nKeywords: dog, park', answer: 'A dog ran.' });
  });

  it('the indexer records where each context came from', () => {
    const seeds = indexSeedText([
      JSON.stringify({ question: 'How many singers?', context: 'CREATE TABLE singer (name TEXT)', answer: 'SELECT count(*) FROM singer' }),
      JSON.stringify({ instruction: 'Extract', input: 'Ada is 3', output: '{"name":"Ada"}' }),
      JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }, { role: 'assistant', content: 'Hello.' }] }),
      JSON.stringify({ question: 'q', schema: { tables: ['t'] }, answer: 'a' }),
      JSON.stringify({ question: 'plain', answer: 'b' }),
    ].join('\n')).seeds;
    assert.deepEqual(seeds.map((s) => s.contextSource), ['field', 'input', 'system', 'field', undefined]);
  });

  it('samples get their seed\'s context at export time, by seed hash; answers exactly as accepted', () => {
    const seeds = indexSeedText([
      JSON.stringify({ question: 'How many singers?', context: 'CREATE TABLE singer (name TEXT)', answer: 'SELECT count(*) FROM singer' }),
      JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }, { role: 'assistant', content: 'Hello.' }] }),
    ].join('\n')).seeds;
    const [sql, chat] = seeds as [Seed, Seed];
    const from = (event: JournalEvent, seed: Seed): JournalEvent => ({ ...event, sample: { ...(event as { sample: Sample }).sample, seedLines: [seed.line], seedHashes: [seed.hash] } }) as JournalEvent;
    const answer = '  SELECT count(name)\nFROM singer;\n';
    const state = reduceJournal([
      from(sampleEvent('sql', 'What number of singers are there?', answer), sql),
      from(sampleEvent('chat', 'Hello there?', 'Hi.'), chat),
      decide('sql', 'accept'),
      decide('chat', 'accept'),
    ]);
    const build = buildExport(state, { format: 'openai-chat', contexts: seedContexts(seeds), seeds: [chat] });
    assert.deepEqual(build.lines.map((l) => JSON.parse(l) as unknown), [
      { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }, { role: 'assistant', content: 'Hello.' }] },
      { messages: [{ role: 'user', content: 'What number of singers are there?\n\nCREATE TABLE singer (name TEXT)' }, { role: 'assistant', content: answer }] },
      { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there?' }, { role: 'assistant', content: 'Hi.' }] },
    ]);
    assert.deepEqual(build.problems, []);
  });
});
