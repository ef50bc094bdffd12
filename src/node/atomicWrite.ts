// Writes files so that a reader sees either the old file or the whole new one, never a part:
// each file goes to a temporary file in the same folder (same file system, so rename is atomic),
// is fsync'd, then renamed over the target, and the folder is fsync'd so the rename survives a
// power cut. If anything fails before the renames, the temporary files are removed and the
// targets are untouched.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './syncDirectory.ts';

export interface AtomicFileHandle {
  write(data: Uint8Array): Promise<void>;
  /** fsync: data and metadata. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file operations used, as an interface so a test can make one fail. */
export interface AtomicFs {
  /** Creates a new file; fails if it exists ('wx'). */
  create(path: string): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  async create(file) {
    const handle = await open(file, 'wx');
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
  syncDir: (dir) => syncDirectory(dir),
};

export interface AtomicFile {
  readonly path: string;
  /** The content, in pieces (lines, say), so a big file is never one string. */
  readonly content: Iterable<string> | AsyncIterable<string>;
}

const BATCH_BYTES = 1 << 20;

/** The temporary name used for `target`: hidden, in the same folder, unique. */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes every file in full, then renames them into place in the order given. A failure while
 * writing leaves every target as it was. (Two renames cannot be one atomic step; they are done
 * back to back, after all the writing, so only a crash between them can separate the files.)
 */
export async function writeFilesAtomic(files: readonly AtomicFile[], fs: AtomicFs = nodeAtomicFs): Promise<void> {
  await atomically(
    files.map((file) => file.path),
    fs,
    async (handles) => {
      for (const [i, file] of files.entries()) await writeAll(handles[i]!, file.content);
    },
  );
}

/**
 * The same for files made side by side in one pass: each row holds the next piece of every file
 * (row[i] goes to paths[i]), so what makes the rows runs once, not once per file.
 */
export async function writeFilesAtomicTogether(paths: readonly string[], rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>, fs: AtomicFs = nodeAtomicFs): Promise<void> {
  await atomically(paths, fs, async (handles) => {
    const writers = handles.map((handle) => new BatchedWriter(handle));
    for await (const row of rows) for (const [i, writer] of writers.entries()) await writer.add(row[i] ?? '');
    for (const writer of writers) await writer.finish();
  });
}

/** Temporary files for `paths`, filled by `write`, fsync'd, renamed into place in order; removed on failure. */
async function atomically(paths: readonly string[], fs: AtomicFs, write: (handles: readonly AtomicFileHandle[]) => Promise<void>): Promise<void> {
  const temporaries: string[] = [];
  const handles: AtomicFileHandle[] = [];
  const pending = new Set<string>();
  try {
    try {
      for (const target of paths) {
        const temporary = temporaryPathFor(target);
        handles.push(await fs.create(temporary));
        temporaries.push(temporary);
        pending.add(temporary);
      }
      await write(handles);
      for (const handle of handles) await handle.sync();
    } finally {
      for (const handle of handles) await handle.close();
    }
    for (const [i, target] of paths.entries()) {
      const temporary = temporaries[i] as string;
      await fs.rename(temporary, target);
      pending.delete(temporary);
    }
  } catch (error) {
    await Promise.all([...pending].map((temporary) => fs.unlink(temporary).catch(() => undefined)));
    throw error;
  }
  for (const dir of new Set(paths.map((target) => path.dirname(path.resolve(target))))) await fs.syncDir(dir);
}

export async function writeFileAtomic(target: string, content: Iterable<string> | AsyncIterable<string>, fs?: AtomicFs): Promise<void> {
  await writeFilesAtomic([{ path: target, content }], fs);
}

async function writeAll(handle: AtomicFileHandle, content: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const writer = new BatchedWriter(handle);
  for await (const piece of content) await writer.add(piece);
  await writer.finish();
}

/** Pieces gathered into writes of about BATCH_BYTES: a write per line would cost a system call each. */
class BatchedWriter {
  readonly #handle: AtomicFileHandle;
  readonly #encoder = new TextEncoder();
  #batch = '';

  constructor(handle: AtomicFileHandle) {
    this.#handle = handle;
  }

  async add(piece: string): Promise<void> {
    this.#batch += piece;
    if (this.#batch.length >= BATCH_BYTES) await this.#flush();
  }

  async finish(): Promise<void> {
    if (this.#batch !== '') await this.#flush();
  }

  async #flush(): Promise<void> {
    const text = this.#batch;
    this.#batch = '';
    await this.#handle.write(this.#encoder.encode(text));
  }
}
