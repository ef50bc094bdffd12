// A Map filled on first use. A session opened from its checkpoint leaves the parts a run looks at
// only after its first request (the samples, the reviews, the decisions) unbuilt until something
// asks for them: building 100,000 entries takes a good part of a second on a busy machine.
export class DeferredMap<K, V> extends Map<K, V> {
  #fill: ((map: this) => void) | null = null;

  /** `fill` runs once, before the first read or write of any kind. */
  defer(fill: (map: this) => void): void {
    this.#fill = fill;
  }

  /** Whether the fill has not run yet. */
  protected get deferred(): boolean {
    return this.#fill !== null;
  }

  protected ready(): void {
    const fill = this.#fill;
    if (fill === null) return;
    this.#fill = null;
    fill(this);
  }

  override get size(): number {
    this.ready();
    return super.size;
  }

  override get(key: K): V | undefined {
    this.ready();
    return super.get(key);
  }

  override has(key: K): boolean {
    this.ready();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    this.ready();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.ready();
    return super.delete(key);
  }

  override clear(): void {
    this.#fill = null;
    super.clear();
  }

  override keys(): MapIterator<K> {
    this.ready();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.ready();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.ready();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
