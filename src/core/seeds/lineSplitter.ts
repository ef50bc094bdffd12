// Splits a stream of chunks into lines without ever holding more than one chunk and one partial
// line: a seed file of hundreds of megabytes streams through it. Lines are handed to a sink
// synchronously, so a caller pays one await per chunk, not one per line.

export interface LineSink {
  /** `text` has no line terminator; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void;
}

const BOM = 0xfeff;
const CR = 13;

export class LineSplitter {
  // TextDecoder (not fatal) drops a leading BOM once per stream and keeps a multi-byte
  // character that is split across chunks until its last byte arrives.
  #decoder = new TextDecoder('utf-8');
  #pendingBytes = false;
  #carry = '';
  #lineNumber = 0;
  #atStart = true;

  /** Lines completed by this chunk go to `sink`; a partial last line waits for the next chunk. */
  push(chunk: Uint8Array | string, sink: LineSink): void {
    let text: string;
    if (typeof chunk === 'string') {
      // Bytes and text mixed in one stream: finish the pending bytes before the text.
      text = this.#pendingBytes ? this.#decoder.decode() + chunk : chunk;
      this.#pendingBytes = false;
      if (this.#atStart && text.length > 0) {
        this.#atStart = false;
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
      }
    } else {
      text = this.#decoder.decode(chunk, { stream: true });
      this.#pendingBytes = true;
      if (chunk.length > 0) this.#atStart = false;
    }
    if (text.length === 0) return;

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
    const rest = this.#pendingBytes ? this.#carry + this.#decoder.decode() : this.#carry;
    this.#pendingBytes = false;
    this.#carry = '';
    if (rest.length > 0) this.#emit(rest, sink);
  }

  #emit(raw: string, sink: LineSink): void {
    const text = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
    sink.line(text, ++this.#lineNumber);
  }
}
