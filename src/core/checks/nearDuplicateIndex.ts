// Finds, for a text, the indexed texts it duplicates: exactly (same normalised tokens) or nearly
// (ROUGE-L F above a threshold). Comparing every pair is quadratic, so candidates come from
// prefix, length and positional filtering (AllPairs / ppjoin: Bayardo 2007; Xiao, Wang, Lin, Yu
// 2008) adapted to ROUGE-L, and are scored exactly as they are met:
//
// - ROUGE-L F = 2·LCS / (n + m), and LCS ≤ L, the multiset overlap of the two token lists, so
//   F > f needs L ≥ α(f, n, m) = ⌈f·(n + m)/2⌉; with L ≤ min(n, m) that also bounds the length:
//   f·n/(2 − f) ≤ m ≤ n·(2 − f)/f.
// - Every text's tokens (each occurrence a distinct element) are sorted in one fixed global order,
//   rare tokens first. The first element two texts share sits at position i of one and j of the
//   other, and all L shared elements come at or after it, so L ≤ min(n − i, m − j): a pair above
//   f meets at i ≤ n − α and j ≤ m − α. A text is indexed under its first m − ⌈t·m/(2 − t)⌉ + 1
//   elements (enough for the threshold t itself), in buckets by (element, length, position).
// - A query walks its own prefix, and per element only the buckets of a length and position that
//   could still hold a pair above the floor. The floor starts at the threshold; when only the best
//   match is wanted it rises to each better score found, which shortens the prefix, narrows the
//   lengths and cuts the positions: template-made questions, whose rare tokens (names, numbers)
//   are shared by thousands of texts, stop after the few buckets that can still beat a near-perfect
//   match instead of listing every text that shares a token. Nothing above the floor is skipped,
//   so the result is exact; lengths nearest the query's come first, where the best match usually is.
// - A candidate is scored once, when first met: length bound, then the overlap, then a
//   bit-parallel LCS.
// - The order puts rare tokens first (frequencies given up front). A token first seen later is
//   placed by its first sighting and never moves: any fixed order is correct, only speed depends
//   on it.
import { LcsMatcher } from './rougeL.ts';

export interface DuplicateMatch<K> {
  readonly key: K;
  /** ROUGE-L F; 1 for an exact duplicate. */
  readonly score: number;
  readonly exact: boolean;
}

export interface NearDuplicateOptions {
  /** Near duplicate: ROUGE-L F strictly above this. Self-Instruct's 0.7 by default. */
  readonly threshold?: number;
  /** Token → how many texts hold it, for a selective order; tokens missing here count as rare. */
  readonly frequencies?: ReadonlyMap<string, number>;
  /**
   * How much will be indexed, when known (texts, and tokens in all): the flat arrays are made that
   * size once, not doubled on the way (a million texts would otherwise peak at twice their size).
   */
  readonly capacity?: { readonly items: number; readonly tokens: number };
}

export interface QueryOptions<K> {
  /** Leaves items out (the text's own entry). */
  readonly skip?: (key: K) => boolean;
  /**
   * 'best' (default): the exact duplicate if there is one, else the nearest text above the
   * threshold (of equally near ones, whichever is met first). 'all': every text above it.
   * 'any': the exact duplicate if there is one, else the first text met above the threshold: the
   * same yes/no as 'best' without proving that nothing nearer exists, which on template-made
   * texts (thousands within the threshold of each other) is most of the work.
   */
  readonly want?: 'best' | 'all' | 'any';
}

/** A text read into token ids: the query's own, and an added text's before it is stored. */
interface Probe {
  /** Token ids in text order. */
  readonly ids: readonly number[];
  /** Distinct token ids and how often each occurs, for the overlap bound. */
  readonly distinct: Int32Array;
  readonly times: Int32Array;
}

// An element is token id × 2^16 + occurrence. Only a text repeating one token 65,536 times could
// make two elements share a key; that would add candidates, never lose a match.
const OCCURRENCES = 1 << 16;
// Floating point: ceilings and floors of exact products are nudged so rounding never drops a pair.
const EPSILON = 1e-9;

export class NearDuplicateIndex<K> {
  readonly threshold: number;
  readonly #frequencies: ReadonlyMap<string, number>;
  readonly #tokenIds = new Map<string, number>();
  /** Per token id: its place in the global order (lower = rarer = earlier). */
  readonly #rank: number[] = [];
  // An indexed text is stored flat, a million of them in a few typed arrays rather than a few
  // objects each: its key, and its token ids at #pool[#starts[y] …] (its length is in #cells).
  readonly #keys: K[] = [];
  // Token ids take 16 bits while there are fewer than 2^16 tokens (half the pool, the biggest
  // array); the first text with a later token widens the pool to 32 bits, once.
  #pool: Uint16Array | Int32Array = new Uint16Array(128);
  #poolSize = 0;
  #starts = new Int32Array(8);
  // An open hash table in two typed arrays rather than a Map (whose entries, half of them boxed
  // 32-bit hashes, cost some 40 bytes a text): per slot the first item of its chain, per item the
  // next item in its slot's chain (NOT_DISTINCT for an exact duplicate of an earlier one).
  #exactSlots = new Int32Array(8).fill(NONE);
  #exactNext = new Int32Array(8);
  #distinctCount = 0;
  // The posting lists, flat: per element (token, occurrence) its groups of one text length each,
  // in the order the lengths were first met; per group its buckets by the element's position in
  // the text, ascending; per bucket its items in the order added, in a chain of chunks (each twice
  // the last, up to MAX_CHUNK) cut from blocks. A million texts make some ten million postings: one
  // JS array per bucket cost about 150 bytes a text on the heap. Items are added in ascending
  // order, so a bucket stores the gaps between them, 7 bits to a byte (a varint): template-made
  // questions share their buckets with thousands of others, so most gaps take one byte, not four.
  /** Element → its number (a row of #elementRows). */
  readonly #elementNumbers = new Map<number, number>();
  #elementRows = new Int32Array(8 * ELEMENT_ROW);
  #elementCount = 0;
  #groupRows = new Int32Array(8 * GROUP_ROW);
  #groupCount = 0;
  #bucketRows = new Int32Array(8 * BUCKET_ROW);
  #bucketCount = 0;
  /** Chunks: [next chunk: 4 bytes, bytes used: 2 bytes, gaps …], at block × 2^16 + offset. Blocks never move. */
  readonly #blocks: Uint8Array[] = [];
  /** Where the next chunk goes in the last block. */
  #blockFill = 0;
  /** Per length in a query's range: its group of the element being walked (-1 when none). */
  #groupByLength = new Int32Array(16);
  /**
   * Per item, CELL numbers side by side (one cache line for the hot part of a visit): the query
   * that last met it (each candidate is scored once per query), its length, its token signature.
   */
  #cells = new Int32Array(8 * CELL);
  #stamp = 0;
  /** Per token id: its count in the current query (zeroed after each). */
  #probeCounts = new Int32Array(32);
  /** Per token id: a counter while one text's tokens are read (zeroed after). */
  #scratch = new Int32Array(32);
  /** Per token id: how many of the query's occurrences a candidate used up (zeroed after each). */
  #used = new Int32Array(32);

  constructor(options: NearDuplicateOptions = {}) {
    this.threshold = options.threshold ?? 0.7;
    if (!(this.threshold > 0 && this.threshold < 1)) throw new RangeError(`near-duplicate threshold must be between 0 and 1, got ${this.threshold}`);
    this.#frequencies = options.frequencies ?? new Map();
    if (options.capacity) {
      const items = Math.max(64, options.capacity.items);
      this.#pool = new Uint16Array(Math.max(1024, options.capacity.tokens));
      this.#starts = new Int32Array(items);
      this.#cells = new Int32Array(items * CELL);
      this.#exactNext = new Int32Array(items);
    }
  }

  get size(): number {
    return this.#keys.length;
  }

  /** Adds a text (as tokens). An exact duplicate keeps the first key for its text. */
  add(key: K, tokens: readonly string[]): void {
    const item = this.#item(tokens);
    const index = this.#keys.length;
    const exact = this.#exactItem(item.ids);
    this.#keys.push(key);
    if (this.#cells.length < (index + 1) * CELL) this.#cells = grown(this.#cells, (index + 1) * CELL);
    if (this.#starts.length < index + 1) this.#starts = grown(this.#starts, index + 1);
    if (this.#pool instanceof Uint16Array && this.#tokenIds.size > 0xffff) this.#pool = Int32Array.from(this.#pool);
    if (this.#pool.length < this.#poolSize + item.ids.length) this.#pool = grownPool(this.#pool, this.#poolSize + item.ids.length);
    this.#starts[index] = this.#poolSize;
    this.#pool.set(item.ids, this.#poolSize);
    this.#poolSize += item.ids.length;
    this.#cells[index * CELL + LENGTH] = item.ids.length;
    this.#cells.set(signature(item.distinct), index * CELL + SIGNATURE);
    if (this.#exactNext.length < index + 1) this.#exactNext = grown(this.#exactNext, index + 1);
    if (exact.index === -1) {
      this.#distinctCount += 1;
      // At most half full, so chains stay short.
      if (this.#distinctCount * 2 > this.#exactSlots.length) this.#rehash(this.#exactSlots.length * 2, index);
      this.#chain(exact.hash, index);
    } else this.#exactNext[index] = NOT_DISTINCT;
    const elements = this.#sortedElements(item.ids);
    const m = elements.length;
    const prefix = prefixLength(this.threshold, m);
    for (let j = 0; j < prefix; j++) this.#post(elements[j] as number, m, j, index);
  }

  /** Every indexed text `tokens` duplicates, best first (see QueryOptions.want). */
  query(tokens: readonly string[], options: QueryOptions<K> = {}): DuplicateMatch<K>[] {
    const skip = options.skip;
    const all = options.want === 'all';
    const any = options.want === 'any';
    const matches: DuplicateMatch<K>[] = [];
    const probe = this.#item(tokens);
    const exactIndex = this.#exactItem(probe.ids).index;
    const exactKey = exactIndex === -1 ? undefined : (this.#keys[exactIndex] as K);
    if (exactKey !== undefined && skip?.(exactKey) !== true) {
      matches.push({ key: exactKey, score: 1, exact: true });
      if (!all) return matches;
    }
    if (tokens.length === 0) return matches;
    const elements = this.#sortedElements(probe.ids);
    const n = elements.length;
    const counts = this.#probeCounts;
    for (let k = 0; k < probe.distinct.length; k++) counts[probe.distinct[k] as number] = probe.times[k] as number;
    const stamp = ++this.#stamp;
    const cells = this.#cells;
    const pool = this.#pool;
    const starts = this.#starts;
    const used = this.#used;
    const own = signature(probe.distinct);
    let matcher: LcsMatcher | null = null;
    // Nothing at or below the floor can be a match: the threshold, then (when only the best is
    // wanted) the best score found so far.
    let floor = this.threshold;
    /** Set by the first match when any match will do: every loop below stops. */
    let done = false;
    /** Scores an item met for the first time; a match above the floor is kept (and raises it). */
    const visit = (y: number): void => {
      const at = y * CELL;
      cells[at + STAMP] = stamp;
      const m = cells[at + LENGTH] as number;
      if ((2 * Math.min(n, m)) / (n + m) <= floor) return;
      // Each signature bit one text has and the other lacks stands for at least one token of the
      // first missing from the second: an O(1) bound on the overlap before the exact one.
      let onlyY = 0;
      let onlyProbe = 0;
      for (let w = 0; w < SIGNATURE_WORDS; w++) {
        const a = cells[at + SIGNATURE + w] as number;
        const b = own[w] as number;
        onlyY += popcount(a & ~b);
        onlyProbe += popcount(b & ~a);
      }
      if ((2 * Math.min(m - onlyY, n - onlyProbe)) / (n + m) <= floor) return;
      // The multiset overlap: each of the item's tokens uses up one of the query's occurrences.
      const start = starts[y] as number;
      const end = start + m;
      let shared = 0;
      for (let k = start; k < end; k++) {
        const id = pool[k] as number;
        if ((used[id] as number) < (counts[id] as number)) {
          used[id] = (used[id] as number) + 1;
          shared += 1;
        }
      }
      for (let k = start; k < end; k++) used[pool[k] as number] = 0;
      if ((2 * shared) / (n + m) <= floor) return;
      const key = this.#keys[y] as K;
      if (skip?.(key)) return;
      matcher ??= new LcsMatcher(probe.ids);
      const score = (2 * matcher.lcs(pool.subarray(start, end))) / (n + m);
      if (score <= floor) return;
      // F = 1 only when LCS = n = m: the same tokens in the same order. The first such text is
      // already listed (as the exact duplicate).
      if (score === 1 && key === exactKey) return;
      matches.push({ key, score, exact: score === 1 });
      if (!all) floor = score;
      if (any) done = true;
    };
    const groupRows = this.#groupRows;
    const bucketRows = this.#bucketRows;
    const blocks = this.#blocks;
    /** Walks the texts of length m met at the query's position i, as far as the floor lets it. */
    const scan = (i: number, m: number, firstBucket: number): void => {
      if ((2 * Math.min(n, m)) / (n + m) <= floor) return;
      const needed = minimumOverlap(floor, n, m);
      if (n - i < needed) return;
      // Buckets come by ascending position j; past m − overlap needed (which a better match found
      // on the way may raise) the rest of this length is out of reach.
      for (let b = firstBucket; b !== NONE; b = bucketRows[b * BUCKET_ROW + NEXT_BUCKET] as number) {
        const j = bucketRows[b * BUCKET_ROW + POSITION] as number;
        if (m - j < minimumOverlap(floor, n, m)) return;
        let y = -1;
        for (let chunk = bucketRows[b * BUCKET_ROW + FIRST_CHUNK] as number; chunk !== NONE; ) {
          const block = blocks[chunk >>> 16] as Uint8Array;
          const offset = chunk & 0xffff;
          const end = offset + CHUNK_GAPS + chunkUsed(block, offset);
          for (let p = offset + CHUNK_GAPS; p < end; ) {
            // One varint: the gap from the bucket's previous item.
            let gap = 0;
            let shift = 0;
            let byte: number;
            do {
              byte = block[p++] as number;
              gap += (byte & 0x7f) * 2 ** shift;
              shift += 7;
            } while (byte >= 0x80);
            y += gap;
            if (cells[y * CELL + STAMP] === stamp) continue;
            visit(y);
            if (done) return;
          }
          chunk = chunkNext(block, offset);
        }
      }
    };
    const lengthOrder = lengthsNearestFirst(this.threshold, n);
    const lowest = lengthOrder.length === 0 ? 0 : Math.min(...lengthOrder);
    const span = lengthOrder.length === 0 ? 0 : Math.max(...lengthOrder) - lowest + 1;
    if (this.#groupByLength.length < span) this.#groupByLength = grown(this.#groupByLength, span);
    const groupByLength = this.#groupByLength;
    const elementRows = this.#elementRows;
    for (let i = 0; i < n; i++) {
      // The floor may have risen: everything past these bounds is out of reach from here on.
      if (done || i >= prefixLength(floor, n)) break;
      const e = this.#elementNumbers.get(elements[i] as number);
      if (e === undefined) continue;
      const first = elementRows[e * ELEMENT_ROW + FIRST_GROUP] as number;
      // A rare element's texts have few lengths: walk those rather than look every length up.
      if ((elementRows[e * ELEMENT_ROW + GROUPS] as number) < lengthOrder.length) {
        for (let g = first; g !== NONE; g = groupRows[g * GROUP_ROW + NEXT_GROUP] as number) {
          scan(i, groupRows[g * GROUP_ROW + GROUP_LENGTH] as number, groupRows[g * GROUP_ROW + FIRST_BUCKET] as number);
          if (done) break;
        }
      } else {
        groupByLength.fill(NONE, 0, span);
        for (let g = first; g !== NONE; g = groupRows[g * GROUP_ROW + NEXT_GROUP] as number) {
          const at = (groupRows[g * GROUP_ROW + GROUP_LENGTH] as number) - lowest;
          if (at >= 0 && at < span) groupByLength[at] = g;
        }
        for (const m of lengthOrder) {
          const g = groupByLength[m - lowest] as number;
          if (g !== NONE) scan(i, m, groupRows[g * GROUP_ROW + FIRST_BUCKET] as number);
          if (done) break;
        }
      }
    }
    for (let k = 0; k < probe.distinct.length; k++) counts[probe.distinct[k] as number] = 0;
    matches.sort((a, b) => b.score - a.score || Number(b.exact) - Number(a.exact));
    return all ? matches : matches.slice(0, 1);
  }

  /** Adds item y to the bucket (element, length m, position j). */
  #post(element: number, m: number, j: number, y: number): void {
    let e = this.#elementNumbers.get(element);
    if (e === undefined) {
      e = this.#elementCount++;
      this.#elementNumbers.set(element, e);
      if (this.#elementRows.length < this.#elementCount * ELEMENT_ROW) this.#elementRows = grown(this.#elementRows, this.#elementCount * ELEMENT_ROW);
      this.#elementRows[e * ELEMENT_ROW + FIRST_GROUP] = NONE;
      this.#elementRows[e * ELEMENT_ROW + LAST_GROUP] = NONE;
      this.#elementRows[e * ELEMENT_ROW + GROUPS] = 0;
    }
    const elementAt = e * ELEMENT_ROW;
    let g = this.#elementRows[elementAt + FIRST_GROUP] as number;
    while (g !== NONE && this.#groupRows[g * GROUP_ROW + GROUP_LENGTH] !== m) g = this.#groupRows[g * GROUP_ROW + NEXT_GROUP] as number;
    if (g === NONE) {
      g = this.#groupCount++;
      if (this.#groupRows.length < this.#groupCount * GROUP_ROW) this.#groupRows = grown(this.#groupRows, this.#groupCount * GROUP_ROW);
      this.#groupRows[g * GROUP_ROW + GROUP_LENGTH] = m;
      this.#groupRows[g * GROUP_ROW + NEXT_GROUP] = NONE;
      this.#groupRows[g * GROUP_ROW + FIRST_BUCKET] = NONE;
      const last = this.#elementRows[elementAt + LAST_GROUP] as number;
      if (last === NONE) this.#elementRows[elementAt + FIRST_GROUP] = g;
      else this.#groupRows[last * GROUP_ROW + NEXT_GROUP] = g;
      this.#elementRows[elementAt + LAST_GROUP] = g;
      this.#elementRows[elementAt + GROUPS] = (this.#elementRows[elementAt + GROUPS] as number) + 1;
    }
    // The group's buckets stay sorted by position: find j's, or where it goes.
    let before = NONE;
    let b = this.#groupRows[g * GROUP_ROW + FIRST_BUCKET] as number;
    while (b !== NONE && (this.#bucketRows[b * BUCKET_ROW + POSITION] as number) < j) {
      before = b;
      b = this.#bucketRows[b * BUCKET_ROW + NEXT_BUCKET] as number;
    }
    if (b === NONE || this.#bucketRows[b * BUCKET_ROW + POSITION] !== j) {
      const bucket = this.#bucketCount++;
      if (this.#bucketRows.length < this.#bucketCount * BUCKET_ROW) this.#bucketRows = grown(this.#bucketRows, this.#bucketCount * BUCKET_ROW);
      this.#bucketRows[bucket * BUCKET_ROW + POSITION] = j;
      this.#bucketRows[bucket * BUCKET_ROW + NEXT_BUCKET] = b;
      this.#bucketRows[bucket * BUCKET_ROW + FIRST_CHUNK] = NONE;
      this.#bucketRows[bucket * BUCKET_ROW + LAST_CHUNK] = NONE;
      this.#bucketRows[bucket * BUCKET_ROW + LAST_CAPACITY] = 0;
      this.#bucketRows[bucket * BUCKET_ROW + LAST_ITEM] = -1;
      if (before === NONE) this.#groupRows[g * GROUP_ROW + FIRST_BUCKET] = bucket;
      else this.#bucketRows[before * BUCKET_ROW + NEXT_BUCKET] = bucket;
      b = bucket;
    }
    const at = b * BUCKET_ROW;
    let gap = y - (this.#bucketRows[at + LAST_ITEM] as number);
    this.#bucketRows[at + LAST_ITEM] = y;
    const bytes = varintBytes(gap);
    let last = this.#bucketRows[at + LAST_CHUNK] as number;
    let block = last === NONE ? undefined : this.#blocks[last >>> 16];
    let offset = last & 0xffff;
    if (block === undefined || chunkUsed(block, offset) + bytes > (this.#bucketRows[at + LAST_CAPACITY] as number)) {
      const capacity = Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK_SIZE, 2 * (this.#bucketRows[at + LAST_CAPACITY] as number)));
      const chunk = this.#chunk(capacity);
      if (block === undefined) this.#bucketRows[at + FIRST_CHUNK] = chunk;
      else setChunkNext(block, offset, chunk);
      this.#bucketRows[at + LAST_CHUNK] = chunk;
      this.#bucketRows[at + LAST_CAPACITY] = capacity;
      last = chunk;
      block = this.#blocks[last >>> 16] as Uint8Array;
      offset = last & 0xffff;
    }
    const used = chunkUsed(block, offset);
    let p = offset + CHUNK_GAPS + used;
    while (gap >= 0x80) {
      block[p++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 0x80);
    }
    block[p] = gap;
    setChunkUsed(block, offset, used + bytes);
  }

  /** An empty chunk for `capacity` bytes of gaps. Blocks start small (an index per question may hold a few texts) and double up to 2^16 bytes. */
  #chunk(capacity: number): number {
    const size = CHUNK_GAPS + capacity;
    let number = this.#blocks.length - 1;
    let block = this.#blocks[number];
    if (block === undefined || this.#blockFill + size > block.length) {
      block = new Uint8Array(Math.min(1 << 16, Math.max(size, 128, 2 * (block?.length ?? 0))));
      this.#blocks.push(block);
      number += 1;
      this.#blockFill = 0;
    }
    const offset = this.#blockFill;
    this.#blockFill += size;
    setChunkNext(block, offset, NONE);
    setChunkUsed(block, offset, 0);
    return number * (1 << 16) + offset;
  }

  #item(tokens: readonly string[]): Probe {
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
    if (this.#used.length < this.#tokenIds.size) this.#used = grown(this.#used, this.#tokenIds.size);
    return { ids, distinct: Int32Array.from(distinct), times };
  }

  /** The hash of a text's ids, and the first indexed item with the same ids (-1 when none). */
  #exactItem(ids: readonly number[]): { hash: number; index: number } {
    const hash = hashIds(ids, 0, ids.length);
    // Only distinct texts are chained, so at most one item in the chain has these ids.
    for (let y = this.#exactSlots[hash & (this.#exactSlots.length - 1)] as number; y !== NONE; y = this.#exactNext[y] as number) {
      if (this.#sameIds(y, ids)) return { hash, index: y };
    }
    return { hash, index: -1 };
  }

  #chain(hash: number, y: number): void {
    const slot = hash & (this.#exactSlots.length - 1);
    this.#exactNext[y] = this.#exactSlots[slot] as number;
    this.#exactSlots[slot] = y;
  }

  /** A bigger table holding the distinct items before `count`, their hashes read from the pool. */
  #rehash(size: number, count: number): void {
    this.#exactSlots = new Int32Array(size).fill(NONE);
    for (let y = 0; y < count; y++) {
      if (this.#exactNext[y] === NOT_DISTINCT) continue;
      const start = this.#starts[y] as number;
      this.#chain(hashIds(this.#pool, start, start + (this.#cells[y * CELL + LENGTH] as number)), y);
    }
  }

  #sameIds(y: number, ids: readonly number[]): boolean {
    if (this.#cells[y * CELL + LENGTH] !== ids.length) return false;
    const start = this.#starts[y] as number;
    for (let k = 0; k < ids.length; k++) if (this.#pool[start + k] !== ids[k]) return false;
    return true;
  }

  /** The text's elements (token, occurrence) in the global order. */
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
}

/** No group, bucket, chunk or item. */
const NONE = -1;
/** An item whose text an earlier item has exactly: not in the exact table. */
const NOT_DISTINCT = -2;
/** An element's row: its first and last group (one text length each) and how many groups. */
const FIRST_GROUP = 0;
const LAST_GROUP = 1;
const GROUPS = 2;
const ELEMENT_ROW = 3;
/** A group's row: the text length, the element's next group, its first bucket (lowest position). */
const GROUP_LENGTH = 0;
const NEXT_GROUP = 1;
const FIRST_BUCKET = 2;
const GROUP_ROW = 3;
/**
 * A bucket's row: the element's position in the texts, the next bucket, its first and last chunk,
 * the last one's capacity, and the last item added (the next gap is counted from it).
 */
const POSITION = 0;
const NEXT_BUCKET = 1;
const FIRST_CHUNK = 2;
const LAST_CHUNK = 3;
const LAST_CAPACITY = 4;
const LAST_ITEM = 5;
const BUCKET_ROW = 6;
/** A chunk: 4 bytes for the next chunk of its bucket, 2 for how many bytes of gaps it holds, the gaps. */
const CHUNK_USED = 4;
const CHUNK_GAPS = 6;
/** A bucket's first chunk holds this many bytes of gaps, each next one twice the last, up to MAX_CHUNK. */
const FIRST_CHUNK_SIZE = 8;
const MAX_CHUNK = 1024;

/** Bytes of a gap as a varint (7 bits each): items are below 2^31, so at most 5. */
function varintBytes(gap: number): number {
  let bytes = 1;
  while (gap >= 0x80) {
    gap = Math.floor(gap / 0x80);
    bytes += 1;
  }
  return bytes;
}

function chunkNext(block: Uint8Array, offset: number): number {
  return ((block[offset] as number) | ((block[offset + 1] as number) << 8) | ((block[offset + 2] as number) << 16) | ((block[offset + 3] as number) << 24)) | 0;
}

function setChunkNext(block: Uint8Array, offset: number, chunk: number): void {
  block[offset] = chunk & 0xff;
  block[offset + 1] = (chunk >>> 8) & 0xff;
  block[offset + 2] = (chunk >>> 16) & 0xff;
  block[offset + 3] = (chunk >>> 24) & 0xff;
}

function chunkUsed(block: Uint8Array, offset: number): number {
  return (block[offset + CHUNK_USED] as number) | ((block[offset + CHUNK_USED + 1] as number) << 8);
}

function setChunkUsed(block: Uint8Array, offset: number, used: number): void {
  block[offset + CHUNK_USED] = used & 0xff;
  block[offset + CHUNK_USED + 1] = used >>> 8;
}

/** Words in a token signature: 128 bits, one per token hash. */
const SIGNATURE_WORDS = 4;
/** An item's cell: stamp, length, signature. */
const STAMP = 0;
const LENGTH = 1;
const SIGNATURE = 2;
const CELL = SIGNATURE + SIGNATURE_WORDS;

/** The set of a text's token hashes as a bit set (a token id's bit is fixed for the index's life). */
function signature(distinct: Int32Array): Int32Array {
  const bits = new Int32Array(SIGNATURE_WORDS);
  for (let k = 0; k < distinct.length; k++) {
    // Fibonacci hashing spreads consecutive ids (the common case: tokens numbered as first seen).
    const bit = Math.imul(distinct[k] as number, 0x9e3779b1) >>> 25;
    bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return bits;
}

function popcount(x: number): number {
  let v = x >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** FNV-1a over a text's length and token ids. */
function hashIds(ids: ArrayLike<number>, start: number, end: number): number {
  let hash = 0x811c9dc5 ^ (end - start);
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ (ids[k] as number), 0x01000193);
  return hash;
}

/** How many of a text's first elements hold every pair above f with it (at least one). */
function prefixLength(f: number, n: number): number {
  if (n === 0) return 0;
  return Math.max(1, Math.min(n, n - Math.ceil((f * n) / (2 - f) - EPSILON) + 1));
}

/** The overlap two texts of n and m tokens need for ROUGE-L F above f. */
function minimumOverlap(f: number, n: number, m: number): number {
  return Math.ceil((f * (n + m)) / 2 - EPSILON);
}

/** The lengths a text may have to be above f with one of n tokens: n, n ± 1, n ± 2, … */
function lengthsNearestFirst(f: number, n: number): number[] {
  const low = Math.max(1, Math.ceil((f * n) / (2 - f) - EPSILON));
  const high = Math.floor((n * (2 - f)) / f + EPSILON);
  const lengths: number[] = [];
  for (let d = 0; n - d >= low || n + d <= high; d++) {
    if (n - d >= low && n - d <= high) lengths.push(n - d);
    if (d > 0 && n + d <= high && n + d >= low) lengths.push(n + d);
  }
  return lengths;
}

/** The pool, at least `size` long, in the same width (doubling, as `grown`). */
function grownPool(old: Uint16Array | Int32Array, size: number): Uint16Array | Int32Array {
  const bigger = old instanceof Uint16Array ? new Uint16Array(Math.max(size, old.length * 2)) : new Int32Array(Math.max(size, old.length * 2));
  bigger.set(old);
  return bigger;
}

/** A copy at least `size` long (doubling, so growing one at a time stays linear). */
function grown(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, old.length * 2));
  bigger.set(old);
  return bigger;
}
