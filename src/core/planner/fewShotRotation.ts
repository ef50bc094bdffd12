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

