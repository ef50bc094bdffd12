// Every sample's review, for a reader that keeps no samples (status, and the index the streaming
// commands read first): a million samples are mostly pending, and a Map would still hold a string
// and an entry for each. Here an id is a number in SampleOrdinals and a pending review is no
// entry at all. A decided review is a few numbers by ordinal (its state, when, and its reason and
// source as ids of shared strings), made back into an equal object when read; only reviews that
// do not fit (an edit, a time that is not an ISO string, past the shared strings' bound) keep
// their object. Reads as the ReadonlyMap the state's type promises, in the order samples were
// first seen, as a Map would.
import { SampleOrdinals } from '../checks/sampleOrdinals.ts';
import { grownTypedArray } from '../growTypedArray.ts';
import type { SampleState } from '../samples/sample.ts';
import { PENDING_REVIEW } from './state.ts';
import type { SampleReview } from './state.ts';

/** #state codes: the shared pending review (no entry), a review kept whole in #whole, or a decided state packed. */
const PENDING = 0;
const WHOLE = 1;
const PACKED_STATES: readonly SampleState[] = ['pending', 'accepted', 'rejected'];
const PACKED = 2;
/** A packed review is made back with its keys in this order (reviewAfter's), so it prints the same. */
const PACKED_KEYS = 'state,edited,reason,decidedAt,source';
/** In #reason / #source: null. */
const NONE = -1;
/** Distinct reasons and sources kept as shared strings; past this, a review keeps its object. */
const MAX_SHARED = 4096;

export class ReviewMap implements ReadonlyMap<string, SampleReview> {
  readonly #ids = new SampleOrdinals();
  /** By ordinal: PENDING, WHOLE, or PACKED + the index of its state in PACKED_STATES. */
  #state = new Uint8Array(1024);
  /** By ordinal, packed reviews: decidedAt as epoch ms (NaN for null), reason and source ids. */
  #at = new Float64Array(1024);
  #reason = new Int32Array(1024);
  #source = new Int32Array(1024);
  readonly #whole = new Map<number, SampleReview>();
  readonly #strings: string[] = [];
  readonly #stringIds = new Map<string, number>();

  /** Every sample's number, in the order first seen: readers that number the same samples share it. */
  get ordinals(): SampleOrdinals {
    return this.#ids;
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.ordinalOf(id) !== undefined;
  }

  get(id: string): SampleReview | undefined {
    const k = this.#ids.ordinalOf(id);
    return k === undefined ? undefined : this.#reviewAt(k);
  }

  set(id: string, review: SampleReview): this {
    const k = this.#ids.add(id);
    if (k >= this.#state.length) this.#grow(k * 2);
    this.#whole.delete(k);
    // Only the shared pending review is left out: a review equal to it but not it stays as given.
    if (review === PENDING_REVIEW) {
      this.#state[k] = PENDING;
      return this;
    }
    const packed = this.#pack(k, review);
    this.#state[k] = packed ? PACKED + PACKED_STATES.indexOf(review.state) : WHOLE;
    if (!packed) this.#whole.set(k, review);
    return this;
  }

  *entries(): MapIterator<[string, SampleReview]> {
    for (let k = 0; k < this.#ids.size; k += 1) yield [this.#ids.idAt(k), this.#reviewAt(k)];
  }

  *keys(): MapIterator<string> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#ids.idAt(k);
  }

  *values(): MapIterator<SampleReview> {
    for (let k = 0; k < this.#ids.size; k += 1) yield this.#reviewAt(k);
  }

  [Symbol.iterator](): MapIterator<[string, SampleReview]> {
    return this.entries();
  }

  forEach(callback: (value: SampleReview, key: string, map: ReadonlyMap<string, SampleReview>) => void, thisArg?: unknown): void {
    for (const [id, review] of this.entries()) callback.call(thisArg, review, id, this);
  }

  #reviewAt(k: number): SampleReview {
    const code = this.#state[k]!;
    if (code === PENDING) return PENDING_REVIEW;
    if (code === WHOLE) return this.#whole.get(k)!;
    const at = this.#at[k]!;
    return {
      state: PACKED_STATES[code - PACKED]!,
      edited: null,
      reason: this.#stringAt(this.#reason[k]!),
      decidedAt: Number.isNaN(at) ? null : new Date(at).toISOString(),
      source: this.#stringAt(this.#source[k]!),
    };
  }

  /** Packs the review at k when it comes back equal, key for key; false when it must stay whole. */
  #pack(k: number, review: SampleReview): boolean {
    if (review.edited !== null || !PACKED_STATES.includes(review.state) || Object.keys(review).join() !== PACKED_KEYS) return false;
    const at = review.decidedAt === null ? Number.NaN : Date.parse(review.decidedAt);
    if (review.decidedAt !== null && (Number.isNaN(at) || new Date(at).toISOString() !== review.decidedAt)) return false;
    const reason = this.#stringId(review.reason);
    const source = this.#stringId(review.source);
    if (reason === undefined || source === undefined) return false;
    this.#at[k] = at;
    this.#reason[k] = reason;
    this.#source[k] = source;
    return true;
  }

  #stringId(text: string | null): number | undefined {
    if (text === null) return NONE;
    let id = this.#stringIds.get(text);
    if (id === undefined && this.#strings.length < MAX_SHARED) {
      id = this.#strings.push(text) - 1;
      this.#stringIds.set(text, id);
    }
    return id;
  }

  #stringAt(id: number): string | null {
    return id === NONE ? null : this.#strings[id]!;
  }

  #grow(size: number): void {
    this.#state = grownTypedArray(this.#state, size);
    this.#at = grownTypedArray(this.#at, size);
    this.#reason = grownTypedArray(this.#reason, size);
    this.#source = grownTypedArray(this.#source, size);
  }
}
