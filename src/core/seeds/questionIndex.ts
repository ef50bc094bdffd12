// Finds repeated questions in files of any size. A map of normalised question strings would cost
// more time and memory than parsing the lines did, so each question is reduced to a 64-bit hash
// of its normalised form (computed in one pass, no string built) kept in flat typed arrays.
// Equal normalised questions always match; two different ones match by accident with odds of
// about n² / 2^65 (3 in 10^8 for a million questions), which a warning can afford.
import { normalizeQuestion } from './normalizeQuestion.ts';

// Kinds of UTF-16 code units; NORMAL and SPACE are 0 and 1 because the hash loop does bit
// arithmetic with them.
const NORMAL = 0;
const SPACE = 1;
// A character whose lower case depends on its neighbours (Σ), takes two code units (İ), or is
// half of a surrogate pair: the question goes through normalizeQuestion itself.
const SPECIAL = 2;
// Not looked at yet: learnt on first sight, so no table has to be built up front.
const UNKNOWN = 3;

/** What `\s` and String.prototype.trim count as white space. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// Per code unit: its kind, and its lower case as toLowerCase gives it (a space stands for 32).
const kindOf = new Uint8Array(0x10000).fill(UNKNOWN);
const lowerOf = new Uint16Array(0x10000);

function learn(c: number): number {
  const lower = String.fromCharCode(c).toLowerCase();
  let kind = NORMAL;
  if (isSpace(c)) kind = SPACE;
  else if (lower.length !== 1 || c === 0x3a3 || (c >= 0xd800 && c <= 0xdfff)) kind = SPECIAL;
  kindOf[c] = kind;
  lowerOf[c] = kind === SPACE ? 32 : lower.charCodeAt(0);
  return kind;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MIX = 0x5bd1e995;
const SEED = 0x2f6b1c3d;

// Each slot is three int32s side by side (hash low half, hash high half, line), so a probe
// touches one cache line; line 0 marks a free slot (lines start at 1).
const STRIDE = 3;

export class QuestionIndex {
  #slots = new Int32Array(1024 * STRIDE);
  #capacity = 1024;
  #count = 0;
  // The last key computed, as two 32-bit halves (two return values without an allocation).
  #k1 = 0;
  #k2 = 0;

  /** Records the question of `line` and returns 0, or the line where the same question was first seen. */
  firstLine(question: string, line: number): number {
    this.#key(question);
    const k1 = this.#k1;
    const k2 = this.#k2;
    if (2 * (this.#count + 1) > this.#capacity) this.#grow();
    const slots = this.#slots;
    const mask = this.#capacity - 1;
    let slot = k1 & mask;
    for (;;) {
      const at = slot * STRIDE;
      const seen = slots[at + 2] as number;
      if (seen === 0) {
        slots[at] = k1;
        slots[at + 1] = k2;
        slots[at + 2] = line;
        this.#count++;
        return 0;
      }
      if (slots[at] === k1 && slots[at + 1] === k2) return seen;
      slot = (slot + 1) & mask;
    }
  }

  /** The key of normalizeQuestion(question), whichever way it is computed. */
  #key(question: string): void {
    if (this.#keyOfKnown(question)) return;
    // Learn the characters met for the first time and try again; each is learnt once per process.
    for (let i = 0; i < question.length; i++) {
      const c = question.charCodeAt(i);
      if (kindOf[c] === UNKNOWN) learn(c);
    }
    if (!this.#keyOfKnown(question)) this.#keyOfText(normalizeQuestion(question));
  }

  /**
   * The fast path: one pass over the question, false as soon as it meets a character not learnt
   * yet or SPECIAL. Nothing is called inside the loop, which keeps it twice as fast.
   */
  #keyOfKnown(question: string): boolean {
    const kinds = kindOf;
    const lower = lowerOf;
    let end = question.length;
    while (end > 0 && isSpace(question.charCodeAt(end - 1))) end--;
    let i = 0;
    while (i < end && isSpace(question.charCodeAt(i))) i++;
    let h1 = FNV_OFFSET;
    let h2 = SEED;
    let previous = 0;
    for (; i < end; i++) {
      const c = question.charCodeAt(i);
      const kind = kinds[c] as number;
      if (kind > SPACE) return false;
      // Branch-free on purpose: whether a space follows a space is unpredictable, and a
      // mispredicted branch per word costs more than hashing both ways.
      const keep = (kind & previous) - 1;
      previous = kind;
      const m = lower[c] as number;
      const n1 = Math.imul(h1 ^ m, FNV_PRIME);
      const n2 = Math.imul(h2 + m, MIX) ^ (h2 >>> 16);
      h1 = (n1 & keep) | (h1 & ~keep);
      h2 = (n2 & keep) | (h2 & ~keep);
    }
    this.#k1 = h1;
    this.#k2 = h2;
    return true;
  }

  #keyOfText(normalized: string): void {
    let h1 = FNV_OFFSET;
    let h2 = SEED;
    for (let i = 0; i < normalized.length; i++) {
      const m = normalized.charCodeAt(i);
      h1 = Math.imul(h1 ^ m, FNV_PRIME);
      h2 = Math.imul(h2 + m, MIX) ^ (h2 >>> 16);
    }
    this.#k1 = h1;
    this.#k2 = h2;
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = this.#capacity * 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity * STRIDE);
    for (let at = 0; at < old.length; at += STRIDE) {
      const line = old[at + 2] as number;
      if (line === 0) continue;
      const k1 = old[at] as number;
      let slot = k1 & mask;
      while (slots[slot * STRIDE + 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * STRIDE] = k1;
      slots[slot * STRIDE + 1] = old[at + 1] as number;
      slots[slot * STRIDE + 2] = line;
    }
    this.#slots = slots;
    this.#capacity = capacity;
  }
}
