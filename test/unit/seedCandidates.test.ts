// Which .jsonl files the seed picker offers (issue 11, item 9): not the exports SeedSmith wrote,
// nor their lineage sidecars, which sit beside the seed file with the same extension.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExport } from '../../src/core/export/buildExport.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { indexSeedText } from '../../src/core/seeds/indexSeeds.ts';
import { defaultExportName, isLineageLine, notSeedFiles } from '../../src/hostLogic/seedCandidates.ts';

describe('files the seed picker skips', () => {
  it('skips lineage sidecars and the export each one describes, and keeps the seed files', () => {
    const paths = ['/w/seeds.jsonl', '/w/train.jsonl', '/w/train.lineage.jsonl', '/w/other.jsonl', '/w/seeds.qa.export.jsonl', '/w/seeds.qa.export.lineage.jsonl'];
    assert.deepEqual([...notSeedFiles(paths)].sort(), ['/w/seeds.qa.export.jsonl', '/w/seeds.qa.export.lineage.jsonl', '/w/train.jsonl', '/w/train.lineage.jsonl']);
  });

  it('skips an export by its name even when its sidecar was moved away', () => {
    assert.deepEqual([...notSeedFiles(['/w/seeds.jsonl', '/w/seeds.openai-chat.export.jsonl'])], ['/w/seeds.openai-chat.export.jsonl']);
  });

  it('names exports so a person and the picker can tell them from seed files', () => {
    const name = defaultExportName('/w/data/gsm.jsonl', 'openai-chat');
    assert.equal(name, 'gsm.openai-chat.export.jsonl');
    assert.ok(notSeedFiles([`/w/data/${name}`]).has(`/w/data/${name}`));
  });

  it('recognises a lineage sidecar by its content (a renamed one too), and not a seed line', () => {
    const empty = reduceJournal([]);
    const build = buildExport(empty, { format: 'qa', seeds: indexSeedText('{"question": "What is 2 + 2?", "answer": "#### 4"}\n').seeds });
    const first = build.lineage[0];
    assert.ok(first, 'the export has a lineage line');
    assert.equal(isLineageLine(first), true);
    assert.equal(isLineageLine('{"question": "What is 2 + 2?", "answer": "#### 4"}'), false);
    assert.equal(isLineageLine('not json'), false);
  });
});
