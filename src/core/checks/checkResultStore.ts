// Check results for a whole session, kept compact: most samples' results repeat word for word
// ("pass", "n/a for a new question", …), and so do whole lists of them. Each distinct result and
// each distinct list is kept once; a sample holds one number, the id of its list. (A list with a
// result of the sample's own, naming the answers or the text it was compared with, is kept as is.) A million
// samples cost a few megabytes, not a list and a map entry each. Read as the ReadonlyMap every
// consumer already takes (sample id → its results, in generation order).
import { SampleOrdinals } from './sampleOrdinals.ts';
import type { CheckResult } from './types.ts';

const NO_RESULTS: readonly CheckResult[] = [];

export class CheckResultStore implements ReadonlyMap<string, readonly CheckResult[]> {
  readonly #ids = new SampleOrdinals();
  /** Per ordinal: the id of its list in #lists. */
  #listOf = new Uint32Array(1024);
  readonly #lists: (readonly CheckResult[])[] = [NO_RESULTS];
  readonly #listIds = new Map<string, number>([['', 0]]);
  readonly #results: CheckResult[] = [];
  readonly #resultIds = new Map<string, number>();

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
    // A result with more than check, status and detail (the answers compared, the nearest text)
    // is usually the sample's own: its list is kept as given, with no key to find it again.
    const plain = results.every((r) => Object.keys(r).length === 3);
    if (!plain) {
      this.#listOf[k] = this.#lists.push(results) - 1;
      return this;
    }
    const key = results.map((r) => this.#resultId(r)).join(',');
    let list = this.#listIds.get(key);
    if (list === undefined) {
      list = this.#lists.push(results.map((r) => this.#results[this.#resultId(r)]!)) - 1;
      this.#listIds.set(key, list);
    }
    this.#listOf[k] = list;
    return this;
  }

  get(id: string): readonly CheckResult[] | undefined {
    const k = this.#ids.ordinalOf(id);
    return k === undefined ? undefined : this.#lists[this.#listOf[k]!];
  }

  has(id: string): boolean {
    return this.#ids.ordinalOf(id) !== undefined;
  }

  *entries(): MapIterator<[string, readonly CheckResult[]]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield [this.#ids.idAt(k), this.#lists[this.#listOf[k]!]!];
  }

  *keys(): MapIterator<string> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#ids.idAt(k);
  }

  *values(): MapIterator<readonly CheckResult[]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#lists[this.#listOf[k]!]!;
  }

  [Symbol.iterator](): MapIterator<[string, readonly CheckResult[]]> {
    return this.entries();
  }

  forEach(callback: (value: readonly CheckResult[], key: string, map: ReadonlyMap<string, readonly CheckResult[]>) => void, thisArg?: unknown): void {
    for (const [id, results] of this.entries()) callback.call(thisArg, results, id, this);
  }

  /** Equal results share one id. */
  #resultId(result: CheckResult): number {
    const key = `${result.check}\u0000${result.status}\u0000${result.detail}`;
    let id = this.#resultIds.get(key);
    if (id === undefined) {
      id = this.#results.push(result) - 1;
      this.#resultIds.set(key, id);
    }
    return id;
  }
}
