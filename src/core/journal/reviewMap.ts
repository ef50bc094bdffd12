// Every sample's review, for a reader that keeps no samples (status, and the index the streaming
// commands read first): a million samples are mostly pending, and a Map would still hold a string
// and an entry for each. Here an id is a number in SampleOrdinals and a pending review is no
// entry at all; only decided samples keep their review object. Reads as the ReadonlyMap the
// state's type promises, in the order samples were first seen, as a Map would.
import { SampleOrdinals } from '../checks/sampleOrdinals.ts';
import { PENDING_REVIEW } from './state.ts';
import type { SampleReview } from './state.ts';

export class ReviewMap implements ReadonlyMap<string, SampleReview> {
  readonly #ids = new SampleOrdinals();
  /** By ordinal; undefined while the sample is pending. */
  readonly #decided: (SampleReview | undefined)[] = [];

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.ordinalOf(id) !== undefined;
  }

  get(id: string): SampleReview | undefined {
    const k = this.#ids.ordinalOf(id);
    return k === undefined ? undefined : (this.#decided[k] ?? PENDING_REVIEW);
  }

  set(id: string, review: SampleReview): this {
    const k = this.#ids.add(id);
    while (this.#decided.length <= k) this.#decided.push(undefined);
    // Only the shared pending review is left out: a review equal to it but not it stays as given.
    this.#decided[k] = review === PENDING_REVIEW ? undefined : review;
    return this;
  }

  *entries(): MapIterator<[string, SampleReview]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield [this.#ids.idAt(k), this.#decided[k] ?? PENDING_REVIEW];
  }

  *keys(): MapIterator<string> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#ids.idAt(k);
  }

  *values(): MapIterator<SampleReview> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#decided[k] ?? PENDING_REVIEW;
  }

  [Symbol.iterator](): MapIterator<[string, SampleReview]> {
    return this.entries();
  }

  forEach(callback: (value: SampleReview, key: string, map: ReadonlyMap<string, SampleReview>) => void, thisArg?: unknown): void {
    for (const [id, review] of this.entries()) callback.call(thisArg, review, id, this);
  }
}
