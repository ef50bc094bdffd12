import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter, readLines } from '../../src/core/seeds/index.ts';
import type { TextLine } from '../../src/core/seeds/index.ts';

const encoder = new TextEncoder();

async function* chunksOf(...chunks: (Uint8Array | string)[]): AsyncGenerator<Uint8Array | string> {
  yield* chunks;
}

async function linesOf(...chunks: (Uint8Array | string)[]): Promise<TextLine[]> {
  const lines: TextLine[] = [];
  for await (const line of readLines(chunksOf(...chunks))) lines.push(line);
  return lines;
}

/** The bytes of `text` cut at every position in `cuts`. */
function cut(bytes: Uint8Array, ...cuts: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const at of [...cuts, bytes.length]) {
    pieces.push(bytes.subarray(start, at));
    start = at;
  }
  return pieces;
}

describe('line reader', () => {
  it('numbers lines from 1 and drops LF terminators', async () => {
    assert.deepEqual(await linesOf('a\nb\nc\n'), [
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });

  it('drops CRLF terminators, also when CR and LF arrive in different chunks', async () => {
    assert.deepEqual(await linesOf('a\r\nb\r', '\nc\r\n'), [
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
    assert.deepEqual(await linesOf(...cut(encoder.encode('x\r\ny\r\n'), 2)), [
      { line: 1, text: 'x' },
      { line: 2, text: 'y' },
    ]);
  });

  it('keeps a CR that is not at the end of a line', async () => {
    assert.deepEqual(await linesOf('a\rb\n'), [{ line: 1, text: 'a\rb' }]);
  });

  it('yields a last line that has no newline', async () => {
    assert.deepEqual(await linesOf('a\nlast'), [
      { line: 1, text: 'a' },
      { line: 2, text: 'last' },
    ]);
    assert.deepEqual(await linesOf(encoder.encode('only')), [{ line: 1, text: 'only' }]);
  });

  it('yields nothing for an empty file and one empty line for a lone newline', async () => {
    assert.deepEqual(await linesOf(), []);
    assert.deepEqual(await linesOf(''), []);
    assert.deepEqual(await linesOf(new Uint8Array(0)), []);
    assert.deepEqual(await linesOf('\n'), [{ line: 1, text: '' }]);
  });

  it('keeps blank lines in the numbering', async () => {
    assert.deepEqual(await linesOf('a\n\n\nb\n'), [
      { line: 1, text: 'a' },
      { line: 2, text: '' },
      { line: 3, text: '' },
      { line: 4, text: 'b' },
    ]);
  });

  it('drops a UTF-8 BOM given as bytes, even split over chunks, and only at the start', async () => {
    const bytes = encoder.encode('\uFEFFa\n\uFEFFb\n');
    assert.equal(bytes[0], 0xef);
    const expected = [
      { line: 1, text: 'a' },
      { line: 2, text: '\uFEFFb' },
    ];
    assert.deepEqual(await linesOf(bytes), expected);
    assert.deepEqual(await linesOf(...cut(bytes, 1, 2)), expected);
    assert.deepEqual(await linesOf(new Uint8Array(0), ...cut(bytes, 3)), expected);
  });

  it('drops a BOM at the start of text chunks, after empty chunks too', async () => {
    assert.deepEqual(await linesOf('', '\uFEFFa\n', '\uFEFFb'), [
      { line: 1, text: 'a' },
      { line: 2, text: '\uFEFFb' },
    ]);
  });

  it('decodes a multi-byte character split across chunks at every possible byte', async () => {
    // 2-, 3- and 4-byte UTF-8 sequences, the last one a surrogate pair in UTF-16.
    const text = '{"q":"é€𝔸"}\n{"q":"ok"}\n';
    const bytes = encoder.encode(text);
    const expected = [
      { line: 1, text: '{"q":"é€𝔸"}' },
      { line: 2, text: '{"q":"ok"}' },
    ];
    for (let at = 1; at < bytes.length; at++) {
      assert.deepEqual(await linesOf(...cut(bytes, at)), expected, `cut at byte ${at}`);
    }
    // One byte per chunk.
    assert.deepEqual(await linesOf(...Array.from(bytes, (b) => Uint8Array.of(b))), expected);
  });

  it('turns invalid UTF-8 into U+FFFD rather than failing', async () => {
    assert.deepEqual(await linesOf(Uint8Array.of(0x61, 0xff, 0x62, 0x0a)), [{ line: 1, text: 'a\uFFFDb' }]);
  });

  it('ends a character left incomplete at the end of the stream with U+FFFD', async () => {
    const euro = encoder.encode('€');
    assert.deepEqual(await linesOf(Uint8Array.of(0x61), euro.subarray(0, 2)), [{ line: 1, text: 'a\uFFFD' }]);
  });

  it('hands lines over as each chunk arrives, before the stream ends', () => {
    const splitter = new LineSplitter();
    const seen: string[] = [];
    const sink = { line: (text: string, line: number) => void seen.push(`${line}:${text}`) };
    splitter.push(encoder.encode('one\ntwo\nthr'), sink);
    assert.deepEqual(seen, ['1:one', '2:two']);
    splitter.push('ee\nfo', sink);
    assert.deepEqual(seen, ['1:one', '2:two', '3:three']);
    splitter.end(sink);
    assert.deepEqual(seen, ['1:one', '2:two', '3:three', '4:fo']);
  });

  it('finishes pending bytes before a text chunk that follows them', async () => {
    const euro = encoder.encode('€');
    assert.deepEqual(await linesOf(Uint8Array.of(0x61), euro.subarray(0, 2), 'x\n'), [{ line: 1, text: 'a\uFFFDx' }]);
    assert.deepEqual(await linesOf(euro, 'x\n'), [{ line: 1, text: '€x' }]);
  });
});
