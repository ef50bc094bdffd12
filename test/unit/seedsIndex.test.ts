import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { indexSeeds, indexSeedText, SeedIndexer, seedHash } from '../../src/core/seeds/index.ts';
import type { SeedIndex } from '../../src/core/seeds/index.ts';
import { badSeedFile, gsm8kSeed, makeTempDir, seedFileText, writeSeedFile } from '../support/seedFixtures.ts';

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** Everything but the seeds, to compare runs that keep them with runs that do not. */
function withoutSeeds(result: SeedIndex) {
  const { seeds: _seeds, ...rest } = result;
  return rest;
}

describe('indexSeeds and indexSeedText', () => {
  it('give the same result for text, whole bytes, and bytes in chunks of any size', async () => {
    const bad = badSeedFile({ eol: '\r\n' });
    const text = `\uFEFF${seedFileText(30, { eol: '\r\n', start: 100 })}${bad.text}`;
    const bytes = new TextEncoder().encode(text);
    const expected = indexSeedText(text);
    assert.equal(expected.stats.lines, 30 + bad.lines);
    assert.equal(expected.seeds[0]?.question, gsm8kSeed(100).question, 'BOM dropped, first line intact');
    for (const size of [1, 2, 3, 7, 64, 1000, bytes.length]) {
      assert.deepEqual(await indexSeeds(chunked(bytes, size)), expected, `chunks of ${size} bytes`);
    }
    const strings = text.match(/[\s\S]{1,5}/g) ?? [];
    assert.deepEqual(await indexSeeds(strings), expected, 'text chunks');
  });

  it('do not leave a CR at the end of CRLF lines', () => {
    const result = indexSeedText(seedFileText(3, { eol: '\r\n' }));
    for (const seed of result.seeds) assert.ok(!seed.answer.endsWith('\r') && !seed.question.includes('\r'));
    assert.deepEqual(result.seeds.map((s) => s.answer), [0, 1, 2].map((i) => gsm8kSeed(i).answer));
  });

  it('read a last line without newline', () => {
    const result = indexSeedText(seedFileText(3, { finalNewline: false }));
    assert.equal(result.stats.lines, 3);
    assert.equal(result.stats.valid, 3);
  });

  it('handle an empty file', async () => {
    const result = await indexSeeds([]);
    assert.deepEqual(result.stats, { lines: 0, blank: 0, valid: 0, invalid: 0, duplicates: 0, shapes: { 'question-answer': 0, 'instruction-output': 0, 'prompt-completion': 0, messages: 0 } });
    assert.equal(result.shape, 'none');
  });

  it('can keep counts and diagnostics only', () => {
    const text = seedFileText(20) + badSeedFile().text;
    const kept = indexSeedText(text);
    const lean = indexSeedText(text, { keepSeeds: false });
    assert.equal(kept.seeds.length, kept.stats.valid);
    assert.ok(kept.seeds.length > 20);
    assert.deepEqual(lean.seeds, []);
    assert.deepEqual(withoutSeeds(lean), withoutSeeds(kept));
  });

  it('stop with the signal’s reason when aborted', async () => {
    const early = AbortSignal.abort(new Error('stop early'));
    await assert.rejects(indexSeeds(['{"question":"q","answer":"a"}\n'], { signal: early }), /stop early/);

    const controller = new AbortController();
    let pulled = 0;
    async function* chunks() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        if (i === 3) controller.abort(new Error('stopped midway'));
        yield `${JSON.stringify({ question: `q${i}`, answer: 'a' })}\n`;
      }
    }
    await assert.rejects(indexSeeds(chunks(), { signal: controller.signal }), /stopped midway/);
    assert.ok(pulled < 10, `stopped pulling chunks (pulled ${pulled})`);
  });

  it('refuses to be fed after finishing', () => {
    const indexer = new SeedIndexer();
    indexer.push('{"question":"q","answer":"a"}');
    assert.equal(indexer.finish().stats.valid, 1);
    assert.throws(() => indexer.push('x'));
    assert.throws(() => indexer.finish());
  });
});

describe('seed hash', () => {
  it('is the first 16 hex digits of sha256(question, NUL, answer) of the text as read', () => {
    const { question, answer } = gsm8kSeed(7);
    const expected = createHash('sha256').update(`${question}\u0000${answer}`, 'utf8').digest('hex').slice(0, 16);
    const result = indexSeedText(JSON.stringify({ question, answer }));
    assert.equal(result.seeds[0]?.hash, expected);
    assert.equal(seedHash(question, answer), expected);
  });

  it('stays the same across versions (lineage in old sessions refers to it)', () => {
    assert.equal(seedHash('What is 2 + 2?', '#### 4'), '5560518ada9a8e4b');
  });

  it('tells question and answer apart', () => {
    assert.notEqual(seedHash('a', 'b'), seedHash('b', 'a'));
    assert.notEqual(seedHash('ab', ''), seedHash('a', 'b'));
    assert.match(seedHash('q', 'a'), /^[0-9a-f]{16}$/);
  });
});

describe('a generated file streamed from disk', () => {
  let dir: { path: string; remove: () => Promise<void> };
  before(async () => {
    dir = await makeTempDir();
  });
  after(async () => {
    await dir.remove();
  });

  it('indexes a few megabytes read in small chunks, every line valid and distinct', async () => {
    const path = join(dir.path, 'seeds.jsonl');
    const written = await writeSeedFile(path, { bytes: 3 * 1024 * 1024 });
    assert.ok(written.bytes >= 3 * 1024 * 1024);
    const result = await indexSeeds(createReadStream(path, { highWaterMark: 4093 }), { keepSeeds: false });
    assert.deepEqual(
      { lines: result.stats.lines, valid: result.stats.valid, invalid: result.stats.invalid, duplicates: result.stats.duplicates, blank: result.stats.blank },
      { lines: written.lines, valid: written.lines, invalid: 0, duplicates: 0, blank: 0 },
    );
    assert.equal(result.shape, 'question-answer');
  });
});
