import { LineSplitter } from './lineSplitter.ts';
import type { LineSink } from './lineSplitter.ts';

export interface TextLine {
  /** 1-based. */
  readonly line: number;
  /** Without its line terminator (LF or CRLF). */
  readonly text: string;
}

/** Convenience form of LineSplitter for callers that want the lines themselves, one by one. */
export async function* readLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<TextLine, void, undefined> {
  const splitter = new LineSplitter();
  const batch: TextLine[] = [];
  const sink: LineSink = { line: (text, line) => void batch.push({ line, text }) };
  for await (const chunk of chunks) {
    splitter.push(chunk, sink);
    for (const line of batch) yield line;
    batch.length = 0;
  }
  splitter.end(sink);
  yield* batch;
}
