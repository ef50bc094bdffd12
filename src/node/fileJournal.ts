// The session journal on disk: append-only JSONL, one writer, writes serialized in call order.
//
// Group commit: appends queue up while a write or fsync is in progress, and the next round
// writes all of them with one write and, if any of them is durable, one fdatasync. So 64
// requests in flight cost a handful of fsyncs, not 64, and a durable append still resolves only
// after its own line is on disk. Non-durable appends resolve once written and are fsync'd soon
// after (flushDelayMs) or with the next durable one, whichever comes first.
//
// The caller holds the session lock (sessionLock.ts); this class does not check it.
import { classifyTail } from '../core/journal/parse.ts';
import type { JournalEvent } from '../core/journal/events.ts';
import type { AppendOptions, JournalSink } from '../core/journal/sink.ts';
import { nodeJournalFs } from './journalFs.ts';
import type { JournalFileHandle, JournalFileSystem } from './journalFs.ts';

export interface FileJournalOptions {
  readonly fs?: JournalFileSystem;
  /** How soon written-but-not-durable events are fsync'd. */
  readonly flushDelayMs?: number;
  /** Upper bound on one write's size; a round takes at least one event whatever its size. */
  readonly maxBatchBytes?: number;
  /**
   * fdatasync on the event loop's own thread instead of the thread pool (default false). For a
   * process that does nothing but the run (the CLI): a reserve's request cannot go out before
   * its fsync anyway, and the hop through the thread pool and back cost a busy loop 1.3-2.5 ms
   * per round on top of the fsync's 0.4 ms (P1, issue 12). Never in the editor's extension host,
   * which other extensions share: a slow disk would stall them all.
   */
  readonly syncOnLoop?: boolean;
}

/** What opening found at the end of the file and fixed. */
export interface JournalRepair {
  /** Bytes of a torn last line cut off (0 when the file ended cleanly). */
  readonly truncatedBytes: number;
  /** The last line was a whole event missing its newline; the newline was added. */
  readonly terminated: boolean;
}

export interface FileJournalStats {
  readonly appends: number;
  readonly writes: number;
  readonly syncs: number;
  readonly bytes: number;
}

export class JournalWriteError extends Error {
  constructor(path: string, cause: unknown) {
    super(`Could not write the session journal ${path}: ${cause instanceof Error ? cause.message : String(cause)}. Nothing more will be written to it in this process.`, { cause });
    this.name = 'JournalWriteError';
  }
}

interface Pending {
  readonly bytes: Uint8Array;
  readonly durable: boolean;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

const NEWLINE = 0x0a;
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

export async function openFileJournal(path: string, options: FileJournalOptions = {}): Promise<FileJournal> {
  const handle = await (options.fs ?? nodeJournalFs).openAppend(path);
  try {
    const { size, repair } = await repairTail(handle);
    return new FileJournal(path, handle, size, repair, options);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

export class FileJournal implements JournalSink {
  readonly path: string;
  readonly repair: JournalRepair;
  private readonly handle: JournalFileHandle;
  private readonly flushDelayMs: number;
  private readonly maxBatchBytes: number;
  private readonly syncOnLoop: boolean;
  private readonly queue: Pending[] = [];
  private pumping = false;
  /** Bytes written and not yet fsync'd. */
  private unsynced = false;
  /** File length after the last complete write: where a failed write is cut back to. */
  private goodSize: number;
  private failure: JournalWriteError | null = null;
  private closing: Promise<void> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private counts = { appends: 0, writes: 0, syncs: 0, bytes: 0 };

  constructor(path: string, handle: JournalFileHandle, size: number, repair: JournalRepair, options: FileJournalOptions) {
    this.path = path;
    this.handle = handle;
    this.goodSize = size;
    this.repair = repair;
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.maxBatchBytes = options.maxBatchBytes ?? 1 << 20;
    this.syncOnLoop = options.syncOnLoop === true;
  }

  get stats(): FileJournalStats {
    return { ...this.counts };
  }

  append(event: JournalEvent, opts?: AppendOptions): Promise<void> {
    if (this.closing) return Promise.reject(new Error(`The session journal ${this.path} is closed.`));
    let bytes: Uint8Array;
    try {
      bytes = encoder.encode(JSON.stringify(event) + '\n');
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    this.counts.appends += 1;
    return this.enqueue(bytes, opts?.durable === true);
  }

  /** Resolves once everything appended so far is fsync'd. */
  flush(): Promise<void> {
    return this.enqueue(EMPTY, true);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) await this.flush();
      } finally {
        this.clearFlushTimer();
        await this.handle.close();
      }
    })();
    return this.closing;
  }

  private enqueue(bytes: Uint8Array, durable: boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bytes, durable, resolve, reject });
      if (!this.pumping) {
        this.pumping = true;
        // Let everything appended in this turn of the event loop (many promise continuations
        // at once) join the first round.
        setImmediate(() => void this.pump());
      }
    });
  }

  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        const batchStart = this.goodSize;
        try {
          const bytes = concat(batch);
          if (bytes.length > 0) {
            await this.writeAll(bytes);
            this.unsynced = true;
          }
          if (this.unsynced && batch.some((p) => p.durable)) {
            this.clearFlushTimer();
            if (this.syncOnLoop) this.handle.datasyncNow();
            else await this.handle.datasync();
            this.counts.syncs += 1;
            this.unsynced = false;
          }
        } catch (err) {
          await this.fail(err, batch, batchStart);
          return;
        }
        for (const p of batch) p.resolve();
        if (this.unsynced) this.armFlushTimer();
      }
    } finally {
      this.pumping = false;
    }
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const next = this.queue[n]!;
      if (n > 0 && bytes + next.bytes.length > this.maxBatchBytes) break;
      bytes += next.bytes.length;
      n += 1;
    }
    return this.queue.splice(0, n);
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
      offset += bytesWritten;
    }
    this.counts.writes += 1;
    this.counts.bytes += bytes.length;
    this.goodSize += bytes.length;
  }

  /**
   * After a failed write or fsync nothing more is written: a failed fsync may have dropped pages
   * the kernel will not report again, so retrying could acknowledge data that is gone. The
   * failed round is cut off (best effort), so the file keeps no partial line and no event whose
   * append was rejected (a rejected reserve's request is never sent).
   */
  private async fail(err: unknown, batch: readonly Pending[], batchStart: number): Promise<void> {
    this.failure = new JournalWriteError(this.path, err);
    this.clearFlushTimer();
    this.goodSize = batchStart;
    await this.handle.truncate(batchStart).catch(() => undefined);
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(this.failure);
  }

  private armFlushTimer(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.closing) this.flush().catch(() => undefined);
    }, this.flushDelayMs);
    // Written data survives the process exiting; only a power cut needs the fsync.
    this.flushTimer.unref();
  }

  private clearFlushTimer(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }
}

function concat(batch: readonly Pending[]): Uint8Array {
  if (batch.length === 1) return batch[0]!.bytes;
  const out = new Uint8Array(batch.reduce((n, p) => n + p.bytes.length, 0));
  let offset = 0;
  for (const p of batch) {
    out.set(p.bytes, offset);
    offset += p.bytes.length;
  }
  return out;
}

/**
 * Makes the file end on a clean line before anything is appended: a torn last line (a crash in
 * the middle of a write) is cut off, a whole event missing only its newline gets one. Decided
 * by classifyTail, the same rule the reader uses.
 */
async function repairTail(handle: JournalFileHandle): Promise<{ size: number; repair: JournalRepair }> {
  const size = await handle.size();
  const tailStart = (await lastNewline(handle, size)) + 1;
  if (tailStart === size) return { size, repair: { truncatedBytes: 0, terminated: false } };
  const tail = new Uint8Array(size - tailStart);
  await readFully(handle, tail, tailStart);
  if (classifyTail(tail, tailStart === 0) === 'keep') {
    await handle.write(encoder.encode('\n'), 0, 1);
    await handle.datasync();
    return { size: size + 1, repair: { truncatedBytes: 0, terminated: true } };
  }
  await handle.truncate(tailStart);
  await handle.datasync();
  return { size: tailStart, repair: { truncatedBytes: size - tailStart, terminated: false } };
}

/** Offset of the last newline in the file, or -1. Reads backwards so a big journal is not read whole. */
async function lastNewline(handle: JournalFileHandle, size: number): Promise<number> {
  const chunk = new Uint8Array(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const view = chunk.subarray(0, end - start);
    await readFully(handle, view, start);
    const at = view.lastIndexOf(NEWLINE);
    if (at !== -1) return start + at;
    end = start;
  }
  return -1;
}

async function readFully(handle: JournalFileHandle, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead <= 0) throw new Error('the journal ended while it was being read');
    done += bytesRead;
  }
}
