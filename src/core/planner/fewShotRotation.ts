// Which seeds each new-question call shows. Seeds are dealt from shuffled passes over the seed
// list (a fixed, seeded shuffle per pass: the same seeds always give the same windows), so every
// seed is shown before any is shown twice and the same seeds are not always grouped together. A
// seed already in a window is held back for the next one rather than shown twice.

import { seededRandom } from '../seededRandom.ts';

/** Endless windows of `size` distinct indices into a list of `count` items (size ≤ count). */
export function* fewShotWindows(count: number, size: number): Generator<number[], never, undefined> {
  if (count < 1 || size < 1 || size > count) throw new RangeError(`fewShotWindows needs 1 ≤ size ≤ count, got size ${size}, count ${count}.`);
  // Dealt items are skipped by moving `head` rather than spliced out of the buffer: a splice
  // near the front of a 10,000-item pass made planning a large New Question run take seconds.
  let buffer: number[] = [];
  let head = 0;
  let pass = 0;
  for (;;) {
    const window: number[] = [];
    let i = head;
    while (window.length < size) {
      if (i >= buffer.length) buffer.push(...shuffledIndices(count, pass++));
      const candidate = buffer[i]!;
      if (window.includes(candidate)) {
        i++;
        continue;
      }
      window.push(candidate);
      // Take buffer[i] out: the few held-back items before it move up one, and the head advances.
      for (let j = i; j > head; j--) buffer[j] = buffer[j - 1]!;
      head++;
      i++;
    }
    if (head > 4 * count) {
      buffer = buffer.slice(head);
      head = 0;
    }
    yield window;
  }
}

function shuffledIndices(count: number, pass: number): number[] {
  const out = Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(0x5eed ^ Math.imul(pass + 1, 0x9e3779b1));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}


/** Seed pairs a teacher request shows as examples of the answer wanted (issue 10: 3–5). */
export const TEACHER_FEW_SHOT = 4;

/**
 * The examples one teacher request shows: `size` seeds of the pool, never the one at `exclude`
 * (the seed being augmented: the teacher would copy its gold answer). The choice is a seeded
 * shuffle keyed by the unit's key, so it rotates from unit to unit and a resumed or re-planned
 * unit renders the very same prompt (and finds its purchase in the cache). Partial
 * Fisher–Yates over a sparse map: O(size) whatever the pool's size.
 */
export function fewShotFor<T>(pool: readonly T[], key: string, exclude: number, size = TEACHER_FEW_SHOT): T[] {
  const count = pool.length;
  const last = exclude >= 0 && exclude < count ? count - 1 : count;
  const take = Math.min(size, last);
  const swapped = new Map<number, number>();
  const at = (i: number): number => swapped.get(i) ?? (exclude >= 0 && exclude < count && i === exclude ? count - 1 : i);
  const random = seededRandom(hashKey(key));
  const out: T[] = [];
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (last - i));
    const picked = at(j);
    swapped.set(j, at(i));
    out.push(pool[picked]!);
  }
  return out;
}

/** FNV-1a over the key's UTF-16 units: a 32-bit seed for the shuffle. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
