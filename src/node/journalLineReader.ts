// Reads single journal lines back by where they are (a JournalSpan): how a session opened from its
// checkpoint gets a sample's text or a bought completion when a run asks for it. Synchronous,
// because the session state is a set of Maps read synchronously; one line is a few microseconds.
import { closeSync, openSync, readSync } from 'node:fs';
import type { ChatResult } from '../core/model/chat.ts';
import type { Sample } from '../core/samples/sample.ts';
import type { CheckpointLoaders } from '../core/journal/checkpoint.ts';
import type { JournalSpan } from '../core/journal/journalBackedMap.ts';

export class JournalChangedError extends Error {
  constructor(path: string, what: string) {
    super(`The session journal ${path} changed while it was open: ${what} is no longer where it was. Open the session again.`);
    this.name = 'JournalChangedError';
  }
}

export class JournalLineReader {
  readonly path: string;
  #fd: number | null = null;
  #closed = false;

  constructor(path: string) {
    this.path = path;
  }

  /** The parsed line at `span`. */
  read(span: JournalSpan): unknown {
    const buffer = Buffer.allocUnsafe(span.length);
    // After close (a state read once its session is closed) each read opens the file for itself.
    const fd = this.#closed ? openSync(this.path, 'r') : (this.#fd ??= openSync(this.path, 'r'));
    try {
      let done = 0;
      while (done < span.length) {
        const n = readSync(fd, buffer, done, span.length - done, span.offset + done);
        if (n <= 0) break;
        done += n;
      }
      return done === span.length ? JSON.parse(buffer.toString('utf8')) : null;
    } catch {
      return null;
    } finally {
      if (this.#closed) closeSync(fd);
    }
  }

  /** Loaders for a journal-backed state: each checks the line is the event it stands for. */
  loaders(): CheckpointLoaders {
    return {
      sample: (id, span) => {
        const event = this.read(span) as { type?: unknown; sample?: Sample } | null;
        if (event?.type !== 'sample' || event.sample?.id !== id) throw new JournalChangedError(this.path, `sample ${id}`);
        return event.sample;
      },
      completion: (cacheKey, span) => {
        const event = this.read(span) as { type?: unknown; cacheKey?: unknown; result?: ChatResult } | null;
        if (event?.type !== 'completion' || event.cacheKey !== cacheKey || !event.result) throw new JournalChangedError(this.path, `the completion ${cacheKey}`);
        return event.result;
      },
    };
  }

  close(): void {
    this.#closed = true;
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
