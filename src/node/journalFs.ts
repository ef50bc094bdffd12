// The few file operations the journal writer needs, as an interface so tests can count fsyncs or
// make a write fail without touching the real disk's behaviour anywhere else.
import { open } from 'node:fs/promises';

export interface JournalFileHandle {
  /** Appends (the file is opened in append mode, so there is no position). */
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** fdatasync: the data and the size, which is all an append-only file needs. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface JournalFileSystem {
  /** Opens for reading and appending, creating the file if needed ('a+'). */
  openAppend(path: string): Promise<JournalFileHandle>;
}

export const nodeJournalFs: JournalFileSystem = {
  async openAppend(path: string): Promise<JournalFileHandle> {
    const handle = await open(path, 'a+');
    return {
      write: (buffer, offset, length) => handle.write(buffer, offset, length),
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      datasync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
};
