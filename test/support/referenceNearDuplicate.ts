// The near-duplicate index as it was before issue 12 (prefix filtering that builds every
// candidate before scoring), kept only as the reference the bounded index is pinned against.
// Its matches are right but its candidate lists grow with the session, which made `check`
// quadratic on template-like questions.
// Finds, for a text, the indexed texts it duplicates: exactly (same normalised tokens) or nearly
// (ROUGE-L F above a threshold). Comparing every pair is quadratic — 10,000 samples would be 50
// million LCS computations — so candidates are picked with prefix and positional filtering
// (ppjoin: Xiao, Wang, Lin, Yu 2008), then scored exactly:
//
// - ROUGE-L F = 2·LCS / (|a| + |b|), and LCS ≤ the multiset overlap of the two token lists, so
//   F > t needs an overlap of at least α = t·(|a| + |b|)/2, which is at least t·|x|/(2 − t) for
//   each side x.
// - Sort every text's tokens (each occurrence a distinct element) in one fixed global order. If
//   two texts share at least α elements, their first |x| − α + 1 elements share one. So each text
//   is indexed under its first |x| − ⌈t·|x|/(2 − t)⌉ + 1 elements only, a query looks up its own
//   prefix, and no pair above the threshold is missed.
// - Positional filter: meeting a candidate at position i of the query and j of the candidate,
//   the overlap is at most (shared so far) + 1 + min(|x| − i − 1, |y| − j − 1); below α the
//   candidate is dropped for good. Questions written from one template share most of their
//   words but not their rare ones (names, numbers), which come first; this is what keeps 10,000
//   such questions fast.
// - The order puts rare tokens first (frequencies given up front). A token first seen later is
//   placed by its first sighting and never moves: any fixed order is correct, only speed depends
//   on it.
// - Survivors are cut by the full overlap, then scored with a bit-parallel LCS.
import { LcsMatcher } from '../../src/core/checks/rougeL.ts';
import type { DuplicateMatch, NearDuplicateOptions, QueryOptions } from '../../src/core/checks/nearDuplicateIndex.ts';
import { normalizedText } from '../../src/core/checks/tokens.ts';

interface Item<K> {
  readonly key: K;
  /** Token ids in text order. */
  readonly ids: readonly number[];
  /** Distinct token ids and how often each occurs, for the overlap bound. */
  readonly distinct: Int32Array;
  readonly times: Int32Array;
}

// A posting key is token id × 2^16 + occurrence. Only a text repeating one token 65,536 times
// could make two elements share a key; that would add candidates, never lose a match.
const OCCURRENCES = 1 << 16;

export class ReferenceNearDuplicateIndex<K> {
  readonly threshold: number;
  readonly #frequencies: ReadonlyMap<string, number>;
  readonly #tokenIds = new Map<string, number>();
  /** Per token id: its place in the global order (lower = rarer = earlier). */
  readonly #rank: number[] = [];
  readonly #items: Item<K>[] = [];
  readonly #exact = new Map<string, K>();
  /** Posting key → (item index, position in the item's sorted elements) pairs, flattened. */
  readonly #postings = new Map<number, number[]>();
  /**
   * Per item: its length; the query that last met it; the overlap counted so far in the prefixes
   * (−1: ruled out); an upper bound on its whole overlap with the query.
   */
  #lengths = new Int32Array(64);
  #stamps = new Int32Array(64);
  #shared = new Int32Array(64);
  #bound = new Int32Array(64);
  #stamp = 0;
  /** Per token id: its count in the current query (zeroed after each). */
  #probeCounts = new Int32Array(256);
  /** Per token id: a counter while one text's tokens are read (zeroed after). */
  #scratch = new Int32Array(256);

  constructor(options: NearDuplicateOptions = {}) {
    this.threshold = options.threshold ?? 0.7;
    if (!(this.threshold > 0 && this.threshold < 1)) throw new RangeError(`near-duplicate threshold must be between 0 and 1, got ${this.threshold}`);
    this.#frequencies = options.frequencies ?? new Map();
  }

  get size(): number {
    return this.#items.length;
  }

  /** Adds a text (as tokens). An exact duplicate keeps the first key for its text. */
  add(key: K, tokens: readonly string[]): void {
    const item = this.#item(key, tokens);
    const index = this.#items.length;
    this.#items.push(item);
    this.#reserve();
    this.#lengths[index] = item.ids.length;
    const text = normalizedText(tokens);
    if (!this.#exact.has(text)) this.#exact.set(text, key);
    const elements = this.#sortedElements(item.ids);
    const prefix = this.#prefixLength(elements.length);
    for (let j = 0; j < prefix; j++) {
      const posting = elements[j] as number;
      const list = this.#postings.get(posting);
      if (list) list.push(index, j);
      else this.#postings.set(posting, [index, j]);
    }
  }

  /** Every indexed text `tokens` duplicates, best first (see QueryOptions.want). */
  query(tokens: readonly string[], options: QueryOptions<K> = {}): DuplicateMatch<K>[] {
    const skip = options.skip;
    const all = options.want === 'all';
    const matches: DuplicateMatch<K>[] = [];
    const exactKey = this.#exact.get(normalizedText(tokens));
    if (exactKey !== undefined && skip?.(exactKey) !== true) {
      matches.push({ key: exactKey, score: 1, exact: true });
      if (!all) return matches;
    }
    if (tokens.length === 0) return matches;
    const probe = this.#item(null, tokens);
    const n = probe.ids.length;
    const t = this.threshold;
    // Candidates grouped by an upper bound on their overlap, so the likeliest come first.
    const byBound: number[][] = [];
    for (const y of this.#candidates(probe)) (byBound[this.#bound[y] as number] ??= []).push(y);
    const counts = this.#probeCounts;
    for (let k = 0; k < probe.distinct.length; k++) counts[probe.distinct[k] as number] = probe.times[k] as number;
    let matcher: LcsMatcher | null = null;
    // Nothing at or below this can be a match: the threshold, then (when only the best is
    // wanted) the best score found so far.
    let floor = t;
    for (let bound = byBound.length - 1; bound > 0; bound--) {
      // F ≤ 2·overlap / (n + m) ≤ 2·overlap / (n + overlap), since m ≥ overlap.
      if ((2 * bound) / (n + bound) <= floor) break;
      for (const y of byBound[bound] ?? []) {
        const item = this.#items[y] as Item<K>;
        const m = item.ids.length;
        if ((2 * bound) / (n + m) <= floor) continue;
        // The exact overlap of the token multisets, a tighter bound, before the LCS.
        let shared = 0;
        for (let k = 0; k < item.distinct.length; k++) shared += Math.min(item.times[k] as number, counts[item.distinct[k] as number] as number);
        if ((2 * shared) / (n + m) <= floor) continue;
        if (skip?.(item.key)) continue;
        matcher ??= new LcsMatcher(probe.ids);
        const score = (2 * matcher.lcs(item.ids)) / (n + m);
        if (score <= floor) continue;
        // F = 1 only when LCS = |a| = |b|: the same tokens in the same order. The first such text
        // is already listed (as the exact duplicate).
        if (score === 1 && item.key === exactKey) continue;
        matches.push({ key: item.key, score, exact: score === 1 });
        if (!all) floor = score;
      }
    }
    for (let k = 0; k < probe.distinct.length; k++) counts[probe.distinct[k] as number] = 0;
    matches.sort((a, b) => b.score - a.score || Number(b.exact) - Number(a.exact));
    return all ? matches : matches.slice(0, 1);
  }

  /** Items that share a prefix element with the probe and survive the length and positional filters. */
  #candidates(probe: Item<null>): number[] {
    const elements = this.#sortedElements(probe.ids);
    const n = elements.length;
    const t = this.threshold;
    const minLength = (t * n) / (2 - t);
    const maxLength = (n * (2 - t)) / t;
    const stamp = ++this.#stamp;
    const stamps = this.#stamps;
    const shared = this.#shared;
    const lengths = this.#lengths;
    const bound = this.#bound;
    const candidates: number[] = [];
    const prefix = this.#prefixLength(n);
    for (let i = 0; i < prefix; i++) {
      const list = this.#postings.get(elements[i] as number);
      if (!list) continue;
      const left = n - i - 1;
      for (let p = 0; p < list.length; p += 2) {
        const y = list[p] as number;
        const m = lengths[y] as number;
        if (stamps[y] !== stamp) {
          stamps[y] = stamp;
          if (m < minLength || m > maxLength) {
            shared[y] = -1;
            continue;
          }
          shared[y] = 0;
          candidates.push(y);
        } else if ((shared[y] as number) < 0) continue;
        const j = list[p + 1] as number;
        const now = shared[y] as number;
        const most = now + 1 + Math.min(left, m - j - 1);
        if (most >= minimumOverlap(t, n, m)) {
          shared[y] = now + 1;
          // Every shared element after this one lies after i in the probe and after j in y.
          bound[y] = most;
        } else shared[y] = -1;
      }
    }
    return candidates.filter((y) => (shared[y] as number) > 0);
  }

  #reserve(): void {
    const needed = this.#items.length;
    if (this.#stamps.length >= needed) return;
    this.#stamps = grown(this.#stamps, needed);
    this.#shared = grown(this.#shared, needed);
    this.#bound = grown(this.#bound, needed);
    this.#lengths = grown(this.#lengths, needed);
  }

  #item<T>(key: T, tokens: readonly string[]): Item<T> {
    const ids: number[] = new Array<number>(tokens.length);
    const distinct: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k] as string;
      let id = this.#tokenIds.get(token);
      if (id === undefined) {
        // A query's unseen token is in no indexed text, so it matches nothing; it still gets an
        // id, kept so the order stays fixed if a text with it is added later.
        id = this.#tokenIds.size;
        this.#tokenIds.set(token, id);
        this.#rank.push(this.#frequencies.get(token) ?? 0);
        if (id >= this.#scratch.length) this.#scratch = grown(this.#scratch, id + 1);
      }
      ids[k] = id;
      if (this.#scratch[id] === 0) distinct.push(id);
      this.#scratch[id] = (this.#scratch[id] as number) + 1;
    }
    const times = new Int32Array(distinct.length);
    for (let k = 0; k < distinct.length; k++) {
      const id = distinct[k] as number;
      times[k] = this.#scratch[id] as number;
      this.#scratch[id] = 0;
    }
    if (this.#probeCounts.length < this.#tokenIds.size) this.#probeCounts = grown(this.#probeCounts, this.#tokenIds.size);
    return { key, ids, distinct: Int32Array.from(distinct), times };
  }

  /** The text's elements (token, occurrence) as posting keys, in the global order. */
  #sortedElements(ids: readonly number[]): number[] {
    const occurrence = new Map<number, number>();
    const elements: number[] = [];
    for (const id of ids) {
      const occ = (occurrence.get(id) ?? 0) + 1;
      occurrence.set(id, occ);
      elements.push(id * OCCURRENCES + Math.min(occ, OCCURRENCES - 1));
    }
    const rank = this.#rank;
    return elements.sort((a, b) => {
      const ia = Math.floor(a / OCCURRENCES);
      const ib = Math.floor(b / OCCURRENCES);
      return (rank[ia] as number) - (rank[ib] as number) || a - b;
    });
  }

  /** How many of a text's first elements must be indexed or probed. */
  #prefixLength(n: number): number {
    if (n === 0) return 0;
    const t = this.threshold;
    return Math.max(1, Math.min(n, n - Math.ceil((t * n) / (2 - t) - 1e-9) + 1));
  }
}

/** The overlap two texts of n and m tokens need for ROUGE-L F above t (rounded down a hair, to stay safe from floating point). */
function minimumOverlap(t: number, n: number, m: number): number {
  return Math.ceil((t * (n + m)) / 2 - 1e-9);
}

/** A copy at least `size` long (doubling, so growing one at a time stays linear). */
function grown(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, old.length * 2));
  bigger.set(old);
  return bigger;
}
