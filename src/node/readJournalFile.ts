// Streams a journal file through core's parser: a long session's journal is never one string.
import { createReadStream } from 'node:fs';
import type { JournalEvent } from '../core/journal/events.ts';
import { readJournal } from '../core/journal/parse.ts';
import type { ParseReport } from '../core/journal/parse.ts';

export async function readJournalFile(path: string, onEvent: (event: JournalEvent, line: number) => void): Promise<ParseReport> {
  return readJournal(createReadStream(path, { highWaterMark: 256 * 1024 }), onEvent, path);
}
