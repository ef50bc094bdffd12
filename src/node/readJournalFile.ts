// Streams a journal file through core's parser: a long session's journal is never one string.
import { createReadStream } from 'node:fs';
import { readJournal } from '../core/journal/parse.ts';
import type { JournalPosition, OnJournalEvent, ParseReport } from '../core/journal/parse.ts';

/** Reads the whole file, or only what follows `from` (a checkpoint's end). */
export async function readJournalFile(path: string, onEvent: OnJournalEvent, from?: JournalPosition): Promise<ParseReport> {
  return readJournal(createReadStream(path, { highWaterMark: 256 * 1024, ...(from ? { start: from.offset } : {}) }), onEvent, path, from);
}
