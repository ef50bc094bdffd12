// Streams a journal file through core's parser: a long session's journal is never one string.
// One buffer is refilled for the whole file (the parser copies what it keeps), so reading a
// journal of gigabytes leaves no trail of chunks outside the heap for the collector to find.
import { open } from 'node:fs/promises';
import { readJournal } from '../core/journal/parse.ts';
import type { JournalPosition, OnJournalEvent, ParseReport } from '../core/journal/parse.ts';

const CHUNK_BYTES = 256 * 1024;

async function* chunksOf(path: string, start: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = start; ; ) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** Reads the whole file, or only what follows `from` (a checkpoint's end). */
export async function readJournalFile(path: string, onEvent: OnJournalEvent, from?: JournalPosition): Promise<ParseReport> {
  return readJournal(chunksOf(path, from?.offset ?? 0), onEvent, path, from);
}
