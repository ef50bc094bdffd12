// Bytes that are not UTF-8 are read as U+FFFD (the seed stays usable) and each line holding some
// gets a warning at the column of the first, wherever the chunks of the stream happen to split.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexSeeds } from '../../src/core/seeds/index.ts';
import type { SeedIndex } from '../../src/core/seeds/index.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

function chunked(data: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += size) chunks.push(data.subarray(at, at + size));
  return chunks;
}

const warningsOf = (index: SeedIndex) => index.warnings.map((w) => [w.code, w.line, w.column, w.endColumn]);

describe('invalid UTF-8', () => {
  // Line 2: a lone continuation byte after "é"; line 3: a 3-byte character cut short, then two
  // more bad bytes; line 4: "😀" (two UTF-16 units) before an overlong encoding of "/".
  const file = bytes(
    '{"question": "fine", "answer": "1"}\n',
    '{"question": "café', [0x80], ' au lait", "answer": "2"}\n',
    '{"question": "b', [0xe2, 0x82], '", "answer": "3', [0xff, 0xfe], '"}\n',
    '{"question": "😀', [0xc0, 0xaf], '", "answer": "4"}\n',
  );

  it('warns at the line and column of the first bad byte of each line and keeps the seeds', async () => {
    const index = await indexSeeds([file]);
    assert.deepEqual(index.errors, []);
    assert.deepEqual(warningsOf(index), [
      ['invalid-utf8', 2, 19, 20],
      ['invalid-utf8', 3, 16, 17],
      ['invalid-utf8', 4, 17, 18],
    ]);
    assert.match(index.warnings[1]!.message, /^invalid UTF-8: .* \(3 places on this line\)/);
    assert.deepEqual(index.seeds.map((s) => s.question), ['fine', 'café\uFFFD au lait', 'b\uFFFD', '😀\uFFFD\uFFFD']);
    // The text is what TextDecoder makes of the bytes: only the reporting is new.
    assert.equal(index.seeds[2]!.answer, new TextDecoder().decode(bytes('3', [0xff, 0xfe])));
  });

  it('finds the same places whatever the chunk size (splits inside good and bad characters)', async () => {
    const whole = await indexSeeds([file]);
    for (const size of [1, 2, 3, 5, 7, 16, 37]) {
      const index = await indexSeeds(chunked(file, size));
      assert.deepEqual(warningsOf(index), warningsOf(whole), `chunks of ${size}`);
      assert.deepEqual(index.seeds, whole.seeds, `chunks of ${size}`);
    }
  });

  it('warns on a character cut short at the end of the file', async () => {
    const index = await indexSeeds(chunked(bytes('{"question": "q", "answer": "a"}\n{"question": "q2", "answer": "a"} ', [0xf0, 0x9f, 0x98]), 4));
    assert.deepEqual(warningsOf(index), [['invalid-utf8', 2, 35, 36]]);
  });

  it('counts columns after a leading byte order mark as the editor does, without it', async () => {
    const index = await indexSeeds([bytes([0xef, 0xbb, 0xbf], '{"question": "', [0x80], '", "answer": "a"}\n')]);
    assert.deepEqual(warningsOf(index), [['invalid-utf8', 1, 15, 16]]);
  });

  it('does not warn on a U+FFFD that is in the file as the character itself', async () => {
    const index = await indexSeeds(chunked(utf8('{"question": "\uFFFD?", "answer": "a"}\n'), 3));
    assert.deepEqual(index.warnings, []);
    assert.equal(index.seeds[0]!.question, '\uFFFD?');
  });
});
