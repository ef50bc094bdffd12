// The few file operations the journal writer needs, as an interface so tests can count fsyncs or
// make a write fail without touching the real disk's behaviour anywhere else.
import { fdatasyncSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface JournalFileHandle {
  /** Appends (the file is opened in append mode, so there is no position). */
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** fdatasync: the data and the size, which is all an append-only file needs. */
  datasync(): Promise<void>;
  /** fdatasync on the calling thread (see FileJournalOptions.syncOnLoop). */
  datasyncNow(): void;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface JournalFileSystem {
  /** Opens for reading and appending, creating the file if needed ('a+'). */
  openAppend(path: string): Promise<JournalFileHandle>;
}

/** Larger writes (a big batch) go to the thread pool, so a slow disk never stalls the event loop long. */
const SYNC_WRITE_MAX_BYTES = 64 * 1024;

export const nodeJournalFs: JournalFileSystem = {
  async openAppend(path: string): Promise<JournalFileHandle> {
    const handle = await open(path, 'a+');
    return {
      // A small append to the page cache takes a few µs when written at once; handing it to the
      // thread pool cost the event loop 20-60 µs per write (hand-off, wake-up, completion) and a
      // loop turn on every request's path. The fdatasync, which waits for the disk, still goes
      // there (datasync), unless the journal syncs on the loop (datasyncNow).
      write: (buffer, offset, length) => {
        if (length > SYNC_WRITE_MAX_BYTES) return handle.write(buffer, offset, length);
        try {
          return Promise.resolve({ bytesWritten: writeSync(handle.fd, buffer, offset, length) });
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      datasync: () => handle.datasync(),
      datasyncNow: () => fdatasyncSync(handle.fd),
      truncate: (length) => handle.truncate(length),
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
};
