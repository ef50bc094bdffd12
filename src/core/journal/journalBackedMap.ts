// A Map whose values may stay in the journal: an entry holds either the value or where its line
// is, and the value is read back when asked for. Opening a session from its checkpoint fills the
// samples and the completion cache this way, so a 100,000-sample session opens without reading
// (or holding) every sample's text; the few a run looks at are read on demand.
//
// It is a real Map (the reducer and every reader treat it as one), filled on first use
// (DeferredMap); get and the iterators resolve
// entries left in the journal, everything else (has, size, keys, delete) works on the entries as
// they are. Such an entry is stored as a number (an index into the offsets and lengths below),
// not as an object: a checkpoint of 100,000 samples then allocates no 100,000 small objects.

import { DeferredMap } from './deferredMap.ts';

/** Where one journal line is: the byte offset of its start and its length without the newline. */
export interface JournalSpan {
  readonly offset: number;
  readonly length: number;
}

/** Reads the value a span points at (a sample, a completion's result), checking it is the one for `key`. */
export type SpanLoader<V> = (key: string, span: JournalSpan) => V;

export class JournalBackedMap<V extends object> extends DeferredMap<string, V> {
  readonly #load: SpanLoader<V>;
  readonly #offsets: number[] = [];
  readonly #lengths: number[] = [];
  /** While the fill has not run: answers get and has without building the map. */
  #lookup: ((key: string) => JournalSpan | null) | null = null;

  constructor(load: SpanLoader<V>) {
    super();
    this.#load = load;
  }

  /**
   * Fills on first use like DeferredMap, except that get and has are answered by `lookup` until
   * something else is asked: a run looks up a few completions before its first request and
   * builds the whole map only when it adds one.
   */
  deferIndexed(fill: (map: this) => void, lookup: (key: string) => JournalSpan | null): void {
    this.defer(fill);
    this.#lookup = lookup;
  }

  override has(key: string): boolean {
    if (this.deferred && this.#lookup) return this.#lookup(key) !== null;
    return super.has(key);
  }

  /** Adds (or replaces) an entry whose value stays in the journal. */
  setSpan(key: string, offset: number, length: number): this {
    this.#offsets.push(offset);
    this.#lengths.push(length);
    super.set(key, (this.#offsets.length - 1) as unknown as V);
    return this;
  }

  /** The span of `key`, or null when the value is held in memory (or there is no entry). */
  spanOf(key: string): JournalSpan | null {
    const raw: unknown = super.get(key);
    return typeof raw === 'number' ? this.#span(raw) : null;
  }

  /** Replaces an in-memory value by its span, when the entry still holds exactly that value (it was the one read there). */
  locate(key: string, value: V, offset: number, length: number): void {
    if (super.get(key) === value) this.setSpan(key, offset, length);
  }

  override get(key: string): V | undefined {
    if (this.deferred && this.#lookup) {
      const span = this.#lookup(key);
      return span ? this.#load(key, span) : undefined;
    }
    const raw: unknown = super.get(key);
    return typeof raw === 'number' ? this.#load(key, this.#span(raw)) : (raw as V | undefined);
  }

  override *entries(): MapIterator<[string, V]> {
    for (const [key, raw] of super.entries()) yield [key, this.#resolve(key, raw)];
  }

  override *values(): MapIterator<V> {
    for (const [key, raw] of super.entries()) yield this.#resolve(key, raw);
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  #span(index: number): JournalSpan {
    return { offset: this.#offsets[index] ?? 0, length: this.#lengths[index] ?? 0 };
  }

  #resolve(key: string, raw: unknown): V {
    return typeof raw === 'number' ? this.#load(key, this.#span(raw)) : (raw as V);
  }
}
