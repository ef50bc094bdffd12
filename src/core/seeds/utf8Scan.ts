// Where bytes that are not UTF-8 turn into U+FFFD, for the rare chunk a fatal TextDecoder
// refused. This is the WHATWG Encoding standard's UTF-8 decoder (the one TextDecoder follows),
// reduced to counting: it emits one U+FFFD exactly where TextDecoder does, so the positions it
// reports index the text TextDecoder returns.

export interface Utf8Scan {
  /** UTF-16 offsets, in the decoded text, of each U+FFFD that stands for bytes that are not UTF-8. */
  readonly bad: number[];
  /** Bytes at the end that begin a character still missing its last bytes (0 when `flush`). */
  readonly pending: number;
}

/** `flush`: the bytes end the stream, so an unfinished character at the end is an error too. */
export function scanUtf8(bytes: Uint8Array, flush: boolean): Utf8Scan {
  const bad: number[] = [];
  let units = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) {
        units++;
        continue;
      }
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else {
        bad.push(units++);
        continue;
      }
      seen = 0;
      start = i;
      continue;
    }
    if (b < lower || b > upper) {
      // The character ends early: one U+FFFD for what was read, and this byte starts afresh.
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      bad.push(units++);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      units += needed === 3 ? 2 : 1;
      needed = 0;
    }
  }
  if (needed === 0) return { bad, pending: 0 };
  if (flush) {
    bad.push(units);
    return { bad, pending: 0 };
  }
  return { bad, pending: bytes.length - start };
}

/** Bytes at the end of valid UTF-8 `bytes` that begin a character still missing its last bytes. */
export function unfinishedTail(bytes: Uint8Array): number {
  const from = Math.max(0, bytes.length - 3);
  for (let i = bytes.length - 1; i >= from; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return bytes.length - i < length ? bytes.length - i : 0;
  }
  return 0;
}
