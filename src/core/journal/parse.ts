// Reading a journal back: JSONL in chunks (a long session's journal is never one big string),
// tolerant of what a crash can leave and strict about anything else.
//
// The writer appends each line and its newline in one write and only acknowledges durable
// events once fsync'd, so the only damage a crash can do is a last line without its newline.
// That torn tail is ignored and reported (the file writer truncates it on reopen); it was never
// acknowledged, so nothing that was promised is lost. A bad line anywhere else means the file
// was damaged or edited wrongly, and guessing would risk the budget: that is an error naming
// the line.
import type { JournalEvent } from './events.ts';
import { checkEvent } from './validate.ts';

export interface TornTail {
  /** 1-based line number of the torn line. */
  readonly line: number;
  /** Byte offset where it starts: the length the file is cut back to. */
  readonly offset: number;
  readonly bytes: number;
}

export interface JournalWarning {
  readonly line: number;
  readonly message: string;
}

export interface ParseReport {
  /** Events handed to onEvent. */
  readonly events: number;
  /** Bytes that belong to the journal (everything but a torn tail). */
  readonly cleanLength: number;
  readonly tornTail: TornTail | null;
  /**
   * The last line was a whole event without its newline (a crash between the two, or a hand
   * edit): it is kept, and the file writer adds the newline on reopen.
   */
  readonly unterminatedTail: boolean;
  readonly warnings: readonly JournalWarning[];
}

export class JournalCorruptError extends Error {
  readonly line: number;

  constructor(source: string, line: number, problem: string) {
    super(`${source} line ${line}: ${problem}. Fix or remove that line; SeedSmith will not guess at spend or decisions.`);
    this.name = 'JournalCorruptError';
    this.line = line;
  }
}

type LineResult =
  | { readonly kind: 'event'; readonly event: JournalEvent }
  | { readonly kind: 'skip'; readonly warning: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'bad'; readonly problem: string };

const NEWLINE = 0x0a;
const BOM = '\ufeff';
// ignoreBOM keeps a BOM in the text so only the first line may carry one; fatal makes bad UTF-8 an error, not U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseLine(bytes: Uint8Array, first: boolean): LineResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'bad', problem: 'is not valid UTF-8' };
  }
  if (first && text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'bad', problem: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const checked = checkEvent(value);
  switch (checked.kind) {
    case 'event':
      return checked;
    case 'unknown':
      return { kind: 'skip', warning: `skipped an event of unknown type "${checked.type}" (written by a newer SeedSmith?)` };
    case 'invalid':
      return { kind: 'bad', problem: `is not a journal event (${checked.message})` };
  }
}

/**
 * Whether the bytes after a journal's last newline are a whole event to keep, or a torn line to
 * cut. The reader and the file writer both decide with this, so they never disagree.
 */
export function classifyTail(bytes: Uint8Array, isFirstLine: boolean): 'keep' | 'torn' {
  const result = parseLine(bytes, isFirstLine);
  return result.kind === 'event' || result.kind === 'skip' ? 'keep' : 'torn';
}

/**
 * Called per event with its line number and where its line sits in the file (byte offset and
 * length without the newline), so a reader can index events and fetch one back later.
 */
export type OnJournalEvent = (event: JournalEvent, line: number, offset: number, length: number) => void;

/** Where a read starts when it is not the file's start: the bytes and lines before it (a checkpoint's). */
export interface JournalPosition {
  readonly offset: number;
  readonly line: number;
}

/** Push chunks in file order, then end(). Events are handed over as soon as their line is complete. */
export class JournalParser {
  private readonly onEvent: OnJournalEvent;
  private readonly source: string;
  private carry: Uint8Array = new Uint8Array(0);
  /** Byte offset of the start of `carry` in the file. */
  private offset = 0;
  private line = 0;
  private events = 0;
  private readonly warnings: JournalWarning[] = [];
  private ended = false;

  /** False when reading from `from` on: only the file's first line may carry a BOM. */
  private readonly atFileStart: boolean;

  constructor(onEvent: OnJournalEvent, source = 'journal.jsonl', from?: JournalPosition) {
    this.onEvent = onEvent;
    this.source = source;
    this.offset = from?.offset ?? 0;
    this.line = from?.line ?? 0;
    this.atFileStart = this.offset === 0;
  }

  private isFirstLine(): boolean {
    return this.atFileStart && this.line === 1;
  }

  push(chunk: Uint8Array | string): void {
    if (this.ended) throw new Error('JournalParser: push after end.');
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    let data = bytes;
    if (this.carry.length > 0) {
      data = new Uint8Array(this.carry.length + bytes.length);
      data.set(this.carry, 0);
      data.set(bytes, this.carry.length);
    }
    let start = 0;
    for (let nl = data.indexOf(NEWLINE, start); nl !== -1; nl = data.indexOf(NEWLINE, start)) {
      this.line += 1;
      this.take(parseLine(data.subarray(start, nl), this.isFirstLine()), false, nl - start);
      this.offset += nl + 1 - start;
      start = nl + 1;
    }
    // A copy (not Buffer#slice, which is a view), so a caller reusing its chunk buffer cannot change what we hold.
    this.carry = new Uint8Array(data.subarray(start));
  }

  end(): ParseReport {
    if (this.ended) throw new Error('JournalParser: end called twice.');
    this.ended = true;
    let tornTail: TornTail | null = null;
    let unterminatedTail = false;
    if (this.carry.length > 0) {
      this.line += 1;
      const result = parseLine(this.carry, this.isFirstLine());
      if (result.kind === 'event' || result.kind === 'skip') {
        this.take(result, true, this.carry.length);
        unterminatedTail = true;
      } else {
        tornTail = { line: this.line, offset: this.offset, bytes: this.carry.length };
      }
    }
    return {
      events: this.events,
      cleanLength: this.offset + (tornTail === null ? this.carry.length : 0),
      tornTail,
      unterminatedTail,
      warnings: this.warnings,
    };
  }

  /** `this.offset` is where the line starts while it is taken. */
  private take(result: LineResult, isTail: boolean, length: number): void {
    switch (result.kind) {
      case 'event':
        this.events += 1;
        this.onEvent(result.event, this.line, this.offset, length);
        return;
      case 'skip':
        this.warnings.push({ line: this.line, message: result.warning });
        return;
      case 'blank':
        return;
      case 'bad':
        if (!isTail) throw new JournalCorruptError(this.source, this.line, result.problem);
    }
  }
}

/** Reads a whole journal from a stream of chunks. */
export async function readJournal(chunks: AsyncIterable<Uint8Array | string>, onEvent: OnJournalEvent, source?: string, from?: JournalPosition): Promise<ParseReport> {
  const parser = new JournalParser(onEvent, source, from);
  for await (const chunk of chunks) parser.push(chunk);
  return parser.end();
}

/** The convenience form for small journals and tests. */
export function parseJournalText(text: string, source?: string): { events: JournalEvent[]; report: ParseReport } {
  const events: JournalEvent[] = [];
  const parser = new JournalParser((event) => void events.push(event), source);
  parser.push(text);
  return { events, report: parser.end() };
}
