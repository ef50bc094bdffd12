// Check results for a whole session, kept compact: most samples' results repeat word for word
// ("pass", "n/a for a new question", …), and so do whole lists of them. Each distinct result and
// each distinct list is kept once (up to a bound); a sample holds one number, the id of its list.
// Past the bound, a list is the sample's own and goes to the spill (a file) when there is one. A million
// samples cost a few megabytes, not a list and a map entry each. Read as the ReadonlyMap every
// consumer already takes (sample id → its results, in generation order).
import { SampleOrdinals } from './sampleOrdinals.ts';
import type { CheckResult } from './types.ts';

const NO_RESULTS: readonly CheckResult[] = [];
/** How many distinct results, and distinct lists, are kept to be shared: memory stays bounded. */
const MAX_KNOWN = 10_000;
/** In #listOf: the list was handed to the spill, under the handle in the other bits. */
const SPILLED = 0x8000_0000;

/**
 * Where lists of a sample's own results go instead of memory (a file, in src/node): a session
 * with a problem per sample would otherwise hold them all. `get` gives back an equal list.
 */
export interface ResultSpill {
  put(results: readonly CheckResult[]): number;
  get(handle: number): readonly CheckResult[];
}

export class CheckResultStore implements ReadonlyMap<string, readonly CheckResult[]> {
  readonly #ids: SampleOrdinals;
  /** Per ordinal: the id of its list in #lists. */
  #listOf = new Uint32Array(1024);
  readonly #lists: (readonly CheckResult[])[] = [NO_RESULTS];
  readonly #listIds = new Map<string, number>([['', 0]]);
  readonly #results: CheckResult[] = [];
  readonly #resultIds = new Map<string, number>();
  readonly #spill: ResultSpill | null;

  /** `ordinals`: the session's sample numbering when a reader keeps one (see DuplicateOptions.ordinals); the store then holds every sample it numbers. */
  constructor(spill: ResultSpill | null = null, ordinals: SampleOrdinals = new SampleOrdinals()) {
    this.#spill = spill;
    this.#ids = ordinals;
  }

  get size(): number {
    return this.#ids.size;
  }

  /** Gives the sample its place (in the order added) with no results yet; returns its ordinal. */
  add(id: string): number {
    const k = this.#ids.add(id);
    if (k >= this.#listOf.length) {
      const grown = new Uint32Array(this.#listOf.length * 2);
      grown.set(this.#listOf);
      this.#listOf = grown;
    }
    return k;
  }

  ordinalOf(id: string): number | undefined {
    return this.#ids.ordinalOf(id);
  }

  /** Sets a sample's results (adding the sample when it is new). */
  set(id: string, results: readonly CheckResult[]): this {
    const k = this.add(id);
    const ids = results.map((r) => this.#resultId(r));
    const key = ids.includes(-1) ? null : ids.join(',');
    let list = key === null ? undefined : this.#listIds.get(key);
    if (list === undefined && key !== null && this.#listIds.size < MAX_KNOWN) {
      list = this.#lists.push(ids.map((i) => this.#results[i]!)) - 1;
      this.#listIds.set(key, list);
    }
    // Past the bounds, a list is the sample's own: in the spill when there is one.
    this.#listOf[k] = list ?? (this.#spill ? SPILLED | this.#spill.put(results) : this.#lists.push(results) - 1);
    return this;
  }

  get(id: string): readonly CheckResult[] | undefined {
    const k = this.#ids.ordinalOf(id);
    return k === undefined ? undefined : this.#listAt(k);
  }

  #listAt(k: number): readonly CheckResult[] {
    const list = this.#listOf[k]!;
    return list & SPILLED ? this.#spill!.get(list & ~SPILLED) : this.#lists[list]!;
  }

  has(id: string): boolean {
    return this.#ids.ordinalOf(id) !== undefined;
  }

  *entries(): MapIterator<[string, readonly CheckResult[]]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield [this.#ids.idAt(k), this.#listAt(k)];
  }

  *keys(): MapIterator<string> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#ids.idAt(k);
  }

  *values(): MapIterator<readonly CheckResult[]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#listAt(k);
  }

  [Symbol.iterator](): MapIterator<[string, readonly CheckResult[]]> {
    return this.entries();
  }

  forEach(callback: (value: readonly CheckResult[], key: string, map: ReadonlyMap<string, readonly CheckResult[]>) => void, thisArg?: unknown): void {
    for (const [id, results] of this.entries()) callback.call(thisArg, results, id, this);
  }

  /**
   * Equal results share one id; -1 once MAX_KNOWN distinct results are known (then the rest are
   * mostly a sample's own: answers compared, the text it nearly duplicates).
   */
  #resultId(result: CheckResult): number {
    const key = Object.keys(result).length === 3 ? `${result.check}\u0000${result.status}\u0000${result.detail}` : JSON.stringify(result);
    let id = this.#resultIds.get(key);
    if (id === undefined) {
      if (this.#resultIds.size >= MAX_KNOWN) return -1;
      id = this.#results.push(result) - 1;
      this.#resultIds.set(key, id);
    }
    return id;
  }
}
