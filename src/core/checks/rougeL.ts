// ROUGE-L (Lin 2004) on token sequences: the longest common subsequence (LCS) of the two, as a
// recall (LCS / reference length), a precision (LCS / candidate length) and their F-measure with
// β = 1, which is 2·LCS / (|a| + |b|) and symmetric. Self-Instruct drops a new instruction whose
// ROUGE-L F against any existing one is above 0.7.

export interface RougeL {
  readonly lcs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f: number;
}

/** LCS length by the textbook dynamic programme, two rows at a time: O(|a|·|b|) time. The reference the fast version is tested against. */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const x = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      current[j] = x === b[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** ROUGE-L of `candidate` against `reference`. */
export function rougeL<T>(reference: readonly T[], candidate: readonly T[]): RougeL {
  return rougeLFromLcs(lcsLength(reference, candidate), reference.length, candidate.length);
}

export function rougeLFromLcs(lcs: number, referenceLength: number, candidateLength: number): RougeL {
  if (lcs === 0) return { lcs, precision: 0, recall: 0, f: 0 };
  const recall = lcs / referenceLength;
  const precision = lcs / candidateLength;
  return { lcs, precision, recall, f: (2 * lcs) / (referenceLength + candidateLength) };
}

/**
 * LCS lengths of one fixed sequence against many others, bit-parallel (Allison–Dix, Hyyrö 2004):
 * O(|b| · ⌈|a|/32⌉) per pair instead of O(|a|·|b|). A 100-token answer compared with a hundred
 * others is the common case for answer augmentation, where the plain programme was the bottleneck.
 */
export class LcsMatcher {
  readonly length: number;
  readonly #words: number;
  /** token → bit mask of the positions where it occurs in the fixed sequence. */
  readonly #masks = new Map<number, Uint32Array>();
  readonly #v: Uint32Array;
  readonly #lastMask: number;

  constructor(a: readonly number[]) {
    this.length = a.length;
    this.#words = Math.max(1, Math.ceil(a.length / 32));
    this.#v = new Uint32Array(this.#words);
    for (let i = 0; i < a.length; i++) {
      const token = a[i] as number;
      let mask = this.#masks.get(token);
      if (!mask) this.#masks.set(token, (mask = new Uint32Array(this.#words)));
      mask[i >>> 5] = ((mask[i >>> 5] as number) | (1 << (i & 31))) >>> 0;
    }
    const rest = a.length & 31;
    this.#lastMask = rest === 0 ? 0xffffffff : ((1 << rest) - 1) >>> 0;
  }

  lcs(b: ArrayLike<number>): number {
    if (this.length === 0 || b.length === 0) return 0;
    const v = this.#v;
    const words = this.#words;
    v.fill(0xffffffff);
    for (let k = 0; k < b.length; k++) {
      const mask = this.#masks.get(b[k] as number);
      if (!mask) continue;
      // V' = (V + U) | (V − U) with U = V & M. U's bits are a subset of V's, so V − U = V & ~U
      // borrows nothing; only the addition carries from word to word.
      let carry = 0;
      for (let w = 0; w < words; w++) {
        const vw = v[w] as number;
        const u = (vw & (mask[w] as number)) >>> 0;
        const sum = vw + u + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        v[w] = ((sum >>> 0) | (vw & ~u)) >>> 0;
      }
    }
    // LCS = the zero bits of V within the sequence's length.
    let zeros = 0;
    for (let w = 0; w < words; w++) {
      const inside = w === words - 1 ? this.#lastMask : 0xffffffff;
      zeros += popcount(~(v[w] as number) & inside);
    }
    return zeros;
  }
}

function popcount(x: number): number {
  let n = x >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
