// The generated seeds are test data for every later issue: check they are what they claim.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { badSeedFile, gsm8kSeed, makeTempDir, seedFileText, writeSeedFile } from '../support/seedFixtures.ts';

describe('seed fixtures', () => {
  it('are deterministic per index and distinct across indices', () => {
    assert.deepEqual(gsm8kSeed(42), gsm8kSeed(42));
    const questions = new Set(Array.from({ length: 3000 }, (_, i) => gsm8kSeed(i).question.toLowerCase()));
    assert.equal(questions.size, 3000);
  });

  it('look like GSM8K: numbers in the question, correct <<a op b=c>> steps, a final #### n', () => {
    for (let i = 0; i < 300; i++) {
      const { question, answer } = gsm8kSeed(i);
      assert.match(question, /\d/);
      const steps = [...answer.matchAll(/<<(\d+)([*+-])(\d+)=(\d+)>>/g)];
      assert.ok(steps.length >= 2, answer);
      for (const [, a, op, b, c] of steps) {
        const value = op === '*' ? Number(a) * Number(b) : op === '+' ? Number(a) + Number(b) : Number(a) - Number(b);
        assert.equal(value, Number(c), `${a}${op}${b} in seed ${i}`);
      }
      const final = /\n#### (\d+)$/.exec(answer);
      assert.ok(final, answer);
      assert.equal(final[1], steps.at(-1)?.[4]);
    }
  });

  it('write files of a requested size, with BOM and CRLF on request', async () => {
    const dir = await makeTempDir();
    try {
      const path = join(dir.path, 'a.jsonl');
      const byCount = await writeSeedFile(path, { count: 25 }, { eol: '\r\n', bom: true });
      const text = await readFile(path, 'utf8');
      assert.equal(byCount.lines, 25);
      assert.equal(Buffer.byteLength(text), byCount.bytes);
      assert.equal(text, seedFileText(25, { eol: '\r\n', bom: true }));

      const bySize = await writeSeedFile(path, { bytes: 200_000 }, { finalNewline: false });
      const written = await readFile(path, 'utf8');
      assert.ok(bySize.bytes >= 200_000 && bySize.bytes < 201_000);
      assert.equal(Buffer.byteLength(written), bySize.bytes);
      assert.ok(!written.endsWith('\n'));
      assert.equal(written.split('\n').length, bySize.lines);
    } finally {
      await dir.remove();
    }
  });

  it('describe the bad-lines file consistently', () => {
    const bad = badSeedFile();
    assert.equal(bad.text.split('\n').length - 1, bad.lines);
    assert.equal(new Set([...bad.errors.map((e) => e.code)]).size, 9, 'one line for each of the nine error codes, at least');
  });
});
