// A ResultSpill in a temporary file: the lists of a sample's own check results (the answers it was
// compared with, the text it nearly duplicates) are written out as JSON and read back when a
// command shows them, so a session with a problem in every sample keeps none of them in memory.
// Writes go through a buffer; a read of what is still in the buffer is served from it.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResultSpill } from '../core/checks/checkResultStore.ts';
import type { CheckResult } from '../core/checks/types.ts';

const BUFFER_BYTES = 1 << 20;

export class FileResultSpill implements ResultSpill {
  readonly #dir: string;
  readonly #fd: number;
  #buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  #buffered = 0;
  /** Bytes already in the file: the buffer holds what comes after. */
  #flushed = 0;
  #offsets = new Float64Array(1024);
  #lengths = new Uint32Array(1024);
  #count = 0;
  #closed = false;

  constructor() {
    this.#dir = mkdtempSync(path.join(tmpdir(), 'seedsmith-checks-'));
    this.#fd = openSync(path.join(this.#dir, 'results.jsonl'), 'w+');
  }

  put(results: readonly CheckResult[]): number {
    const text = Buffer.from(JSON.stringify(results), 'utf8');
    if (this.#buffered + text.length > this.#buffer.length) this.#flush();
    if (text.length > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(text.length);
    const handle = this.#count++;
    if (handle === this.#offsets.length) {
      const offsets = new Float64Array(handle * 2);
      offsets.set(this.#offsets);
      this.#offsets = offsets;
      const lengths = new Uint32Array(handle * 2);
      lengths.set(this.#lengths);
      this.#lengths = lengths;
    }
    this.#offsets[handle] = this.#flushed + this.#buffered;
    this.#lengths[handle] = text.length;
    text.copy(this.#buffer, this.#buffered);
    this.#buffered += text.length;
    return handle;
  }

  get(handle: number): readonly CheckResult[] {
    const offset = this.#offsets[handle]!;
    const length = this.#lengths[handle]!;
    if (handle >= this.#count) throw new RangeError(`no spilled results under ${handle}`);
    let bytes: Buffer;
    if (offset >= this.#flushed) bytes = this.#buffer.subarray(offset - this.#flushed, offset - this.#flushed + length);
    else {
      bytes = Buffer.allocUnsafe(length);
      let read = 0;
      while (read < length) read += readSync(this.#fd, bytes, read, length - read, offset + read);
    }
    return JSON.parse(bytes.toString('utf8')) as CheckResult[];
  }

  /** Closes and removes the file. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #flush(): void {
    let written = 0;
    while (written < this.#buffered) written += writeSync(this.#fd, this.#buffer, written, this.#buffered - written, this.#flushed + written);
    this.#flushed += this.#buffered;
    this.#buffered = 0;
  }
}

/** Runs `use` with a spill file of its own, removed when it is done, however it ends. */
export async function withResultSpill<T>(use: (spill: ResultSpill) => Promise<T>): Promise<T> {
  const spill = new FileResultSpill();
  try {
    return await use(spill);
  } finally {
    spill.close();
  }
}
