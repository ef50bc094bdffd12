// `seedsmith export` puts every sample's seed context back in its place (issue 10, item 4): a
// sample made from a chat seed gets the seed's system message as its system message, one made from
// a text-to-SQL seed gets the schema after its question in the user turn (Alpaca: as `input`),
// looked up by the seed's hash in the session's seed file. Answers are written as accepted.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import type { Sample } from '../../src/core/samples/sample.ts';
import { indexSeedText } from '../../src/core/seeds/index.ts';
import type { Seed } from '../../src/core/seeds/types.ts';
import { seedsmithHereJson } from '../support/engineCli.ts';
import { SQL_SCHEMA, sqlSeeds, textSeeds } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';

const at = '2026-01-01T00:00:00.000Z';

function sample(id: string, seed: Seed, question: string, answer: string): JournalEvent {
  const value: Sample = {
    id, unitKey: `u-${id}`, runId: 'r1', outputKey: id, strategy: 'question-rephrase', question, answer, flags: [],
    seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [],
    calls: [{ role: 'teacher', cacheKey: `k-${id}`, prompt: { id: 'answer.cot.v1', hash: 'ph' }, sampling: { temperature: 0.7, maxTokens: 200 }, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', bought: true }],
    teacher: { model: 't', endpoint: 'http://127.0.0.1/v1' }, augmenter: null, createdAt: at,
  };
  return { type: 'sample', at, sample: value };
}
const accept = (sampleId: string): JournalEvent => ({ type: 'decision', at, sampleId, decision: 'accept', source: 'cli' });

describe('export keeps each sample\'s seed context (real CLI)', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let session = '';
  let seedsFile = '';
  const sqlAnswer = 'SELECT count(*)\n  FROM singer ;';

  before(async () => {
    dir = await makeTempDir();
    seedsFile = join(dir.path, 'mixed.jsonl');
    const text = `${sqlSeeds().split('\n')[0]}\n${textSeeds().split('\n')[0]}\n`;
    await writeFile(seedsFile, text);
    const [sql, chat] = indexSeedText(text).seeds as [Seed, Seed];
    session = join(dir.path, 'session');
    await mkdir(session);
    const events = [sample('s1', sql, 'What number of singers are there?', sqlAnswer), sample('s2', chat, 'Keywords: cat, sofa, rain (9)', 'The cat slept on the sofa while the rain fell. Nobody woke it.'), accept('s1'), accept('s2')];
    await writeFile(join(session, 'journal.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });
  after(async () => dir?.remove());

  const exported = async (format: string, extra: string[] = []) => {
    const out = join(dir.path, `out.${format}.jsonl`);
    await seedsmithHereJson(['export', '--session', session, '--seeds', seedsFile, '--format', format, '--out', out, ...extra]);
    return (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown);
  };

  it('openai-chat: the schema goes with the question, the chat seed\'s system message stays the system message', async () => {
    assert.deepEqual(await exported('openai-chat'), [
      { messages: [{ role: 'user', content: `What number of singers are there?\n\n${SQL_SCHEMA}` }, { role: 'assistant', content: sqlAnswer }] },
      { messages: [{ role: 'system', content: 'Write two everyday sentences that use all the given keywords.' }, { role: 'user', content: 'Keywords: cat, sofa, rain (9)' }, { role: 'assistant', content: 'The cat slept on the sofa while the rain fell. Nobody woke it.' }] },
    ]);
  });

  it('alpaca: the schema is the input', async () => {
    const [first] = await exported('alpaca');
    assert.deepEqual(first, { instruction: 'What number of singers are there?', input: SQL_SCHEMA, output: sqlAnswer });
  });
});
