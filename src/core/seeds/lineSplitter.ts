// Splits a stream of chunks into lines without ever holding more than one chunk and one partial
// line: a seed file of hundreds of megabytes streams through it. Lines are handed to a sink
// synchronously, so a caller pays one await per chunk, not one per line. Bytes that are not
// UTF-8 are read as U+FFFD, as everywhere, and the sink is told where each one is.
import { scanUtf8, unfinishedTail } from './utf8Scan.ts';

export interface LineSink {
  /** `text` has no line terminator; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void;
  /** Bytes that are not UTF-8 were read as the U+FFFD at this 1-based line and UTF-16 column; told before the line itself. */
  invalidUtf8?(lineNumber: number, column: number): void;
}

const BOM = 0xfeff;
const CR = 13;
const NO_BYTES = new Uint8Array(0);

interface Decoded {
  readonly text: string;
  /** Offsets in `text` of the U+FFFD that replaced bytes that are not UTF-8. */
  readonly bad?: number[];
}

// ignoreBOM: the stream's leading BOM is dropped once, below, for bytes and text alike; a
// decoder made afresh mid-stream must keep a BOM it meets there as the character it is.
function fatalDecoder() {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
}

export class LineSplitter {
  // A fatal decoder: valid UTF-8 (every file, nearly) decodes at full speed, and bytes that are
  // not UTF-8 make it throw, which sends that chunk down the slow path that finds them. It keeps
  // a character split across chunks until its last byte arrives; #tail holds the same bytes, for
  // the slow path to start from.
  #decoder = fatalDecoder();
  #tail: Uint8Array = NO_BYTES;
  #pendingBytes = false;
  #carry = '';
  #lineNumber = 0;
  #atStart = true;

  /** Lines completed by this chunk go to `sink`; a partial last line waits for the next chunk. */
  push(chunk: Uint8Array | string, sink: LineSink): void {
    let decoded: Decoded;
    if (typeof chunk === 'string') {
      // Bytes and text mixed in one stream: finish the pending bytes before the text.
      decoded = this.#pendingBytes ? this.#flushBytes() : { text: '' };
      decoded = { ...decoded, text: decoded.text + chunk };
    } else {
      decoded = this.#decode(chunk);
      this.#pendingBytes = true;
    }
    let { text } = decoded;
    let bad = decoded.bad;
    if (this.#atStart && text.length > 0) {
      this.#atStart = false;
      if (text.charCodeAt(0) === BOM) {
        text = text.slice(1);
        bad = bad?.map((at) => at - 1);
      }
    }
    if (text.length === 0) return;
    if (bad && bad.length > 0) this.#report(text, bad, sink);

    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.#carry += text;
      return;
    }
    if (this.#carry.length > 0) {
      this.#emit(this.#carry + text.slice(0, newline), sink);
      this.#carry = '';
    } else {
      this.#emit(text.slice(0, newline), sink);
    }
    let start = newline + 1;
    while ((newline = text.indexOf('\n', start)) !== -1) {
      this.#emit(text.slice(start, newline), sink);
      start = newline + 1;
    }
    this.#carry = start < text.length ? text.slice(start) : '';
  }

  /** Flushes the last line, which may lack a newline. */
  end(sink: LineSink): void {
    if (this.#pendingBytes) {
      const { text, bad } = this.#flushBytes();
      if (bad && bad.length > 0) this.#report(text, bad, sink);
      this.#carry += text;
    }
    const rest = this.#carry;
    this.#carry = '';
    if (rest.length > 0) this.#emit(rest, sink);
  }

  #decode(chunk: Uint8Array): Decoded {
    let text: string;
    try {
      text = this.#decoder.decode(chunk, { stream: true });
    } catch {
      return this.#decodeSlowly(chunk, false);
    }
    // The few bytes of a character split across chunks, should the next chunk need the slow path.
    const bytes = chunk.length >= 3 ? chunk : concat(this.#tail, chunk);
    const tail = unfinishedTail(bytes);
    this.#tail = tail === 0 ? NO_BYTES : bytes.slice(bytes.length - tail);
    return { text };
  }

  /** The end of the bytes: a character still unfinished there is not UTF-8 either. */
  #flushBytes(): Decoded {
    this.#pendingBytes = false;
    try {
      const text = this.#decoder.decode();
      this.#tail = NO_BYTES;
      return { text };
    } catch {
      return this.#decodeSlowly(NO_BYTES, true);
    }
  }

  /** Decodes with U+FFFD for bytes that are not UTF-8, and says where each one is. */
  #decodeSlowly(chunk: Uint8Array, flush: boolean): Decoded {
    const bytes = concat(this.#tail, chunk);
    const { bad, pending } = scanUtf8(bytes, flush);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bytes.length - pending));
    this.#tail = pending === 0 ? NO_BYTES : bytes.slice(bytes.length - pending);
    // The fatal decoder threw mid-chunk: start a fresh one holding the unfinished character.
    this.#decoder = fatalDecoder();
    if (pending > 0) this.#decoder.decode(this.#tail, { stream: true });
    return { text, bad };
  }

  /** Tells the sink the line and column of each offset in `bad` (ascending), in `text` that follows #carry. */
  #report(text: string, bad: readonly number[], sink: LineSink): void {
    if (!sink.invalidUtf8) return;
    let line = this.#lineNumber + 1;
    let lineStart = -this.#carry.length;
    let newline = text.indexOf('\n');
    for (const at of bad) {
      while (newline !== -1 && newline < at) {
        line++;
        lineStart = newline + 1;
        newline = text.indexOf('\n', lineStart);
      }
      sink.invalidUtf8(line, at - lineStart + 1);
    }
  }

  #emit(raw: string, sink: LineSink): void {
    const text = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
    sink.line(text, ++this.#lineNumber);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
