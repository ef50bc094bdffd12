// Small, dependency-free hashing and a seeded PRNG. Every "random" decision the teacher makes
// (which request fails, which wording a sample gets) comes from here, keyed by explicit inputs,
// so a run can be replayed exactly: Math.random is never used.

/** 32-bit FNV-1a over UTF-16 code units, finished with a murmur3 mix so nearby inputs spread. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalMix(h);
}

/** Hash of an ordered list of parts; the separator keeps ("ab","c") and ("a","bc") apart. */
export function hashParts(...parts: ReadonlyArray<string | number>): number {
  return hashString(parts.map((p) => `${typeof p}:${p}`).join('\u241f'));
}

function finalMix(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for test fault injection. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** A PRNG whose stream depends only on the given parts. */
export function rngFor(...parts: ReadonlyArray<string | number>): Rng {
  return createRng(hashParts(...parts));
}
