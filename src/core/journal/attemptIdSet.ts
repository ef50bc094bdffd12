// The attempt ids a reducer has seen settled, kept as bits: every request a session ever made is
// settled once, so a million-sample session has millions of them. Ids are a run's id and a
// counter (`run-….17`, meter.ts sequentialIds; `run-…:17` in older and synthetic journals): per
// prefix, one bit per counter value. Any other id (a batch line's custom_id, a hand-written
// journal) is kept as is. A real Set of the same strings (a checkpoint lists them by `values()`).
const SEQUENTIAL = /^(.*[.:])([1-9][0-9]{0,8})$/;

export class AttemptIdSet extends Set<string> {
  readonly #bits = new Map<string, Uint8Array>();
  #inBits = 0;

  override get size(): number {
    return super.size + this.#inBits;
  }

  override has(id: string): boolean {
    const m = SEQUENTIAL.exec(id);
    if (!m) return super.has(id);
    const bits = this.#bits.get(m[1]!);
    const n = Number(m[2]);
    return bits !== undefined && ((bits[n >>> 3] ?? 0) & (1 << (n & 7))) !== 0;
  }

  override add(id: string): this {
    const m = SEQUENTIAL.exec(id);
    if (!m) return super.add(id);
    const n = Number(m[2]);
    let bits = this.#bits.get(m[1]!);
    if (bits === undefined || bits.length <= n >>> 3) {
      const grown = new Uint8Array(Math.max(64, (n >>> 3) + 1, (bits?.length ?? 0) * 2));
      if (bits) grown.set(bits);
      this.#bits.set(m[1]!, (bits = grown));
    }
    if ((bits[n >>> 3]! & (1 << (n & 7))) === 0) this.#inBits += 1;
    bits[n >>> 3]! |= 1 << (n & 7);
    return this;
  }

  override delete(id: string): boolean {
    const m = SEQUENTIAL.exec(id);
    if (!m) return super.delete(id);
    if (!this.has(id)) return false;
    const n = Number(m[2]);
    this.#bits.get(m[1]!)![n >>> 3]! &= ~(1 << (n & 7));
    this.#inBits -= 1;
    return true;
  }

  override clear(): void {
    super.clear();
    this.#bits.clear();
    this.#inBits = 0;
  }

  /** The ids as strings: those kept as is, then each prefix's counters in ascending order. */
  /** Adds `${prefix}${n}` for every n, as `groupAttemptIds` gave them (a checkpoint's list). */
  addGroup(prefix: string, numbers: readonly number[]): void {
    for (const n of numbers) this.add(`${prefix}${n}`);
  }

  override *values(): SetIterator<string> {
    yield* super.values();
    for (const [prefix, bits] of this.#bits) {
      for (let byte = 0; byte < bits.length; byte += 1) {
        if (bits[byte] === 0) continue;
        for (let bit = 0; bit < 8; bit += 1) if ((bits[byte]! & (1 << bit)) !== 0) yield `${prefix}${byte * 8 + bit}`;
      }
    }
  }

  override keys(): SetIterator<string> {
    return this.values();
  }

  override *entries(): SetIterator<[string, string]> {
    for (const id of this.values()) yield [id, id];
  }

  override [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  override forEach(callback: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    for (const id of this.values()) callback.call(thisArg, id, id, this);
  }
}

/**
 * The ids as an AttemptIdSet keeps them: per prefix (the run's id with its separator) the counter
 * values, ascending, and the rest as they are. A checkpoint stores them so, as numbers.
 */
export function groupAttemptIds(ids: Iterable<string>): { groups: [string, number[]][]; other: string[] } {
  const groups = new Map<string, number[]>();
  const other: string[] = [];
  for (const id of ids) {
    const m = SEQUENTIAL.exec(id);
    if (!m) {
      other.push(id);
      continue;
    }
    const group = groups.get(m[1]!);
    if (group) group.push(Number(m[2]));
    else groups.set(m[1]!, [Number(m[2])]);
  }
  return { groups: [...groups].map(([prefix, numbers]) => [prefix, [...new Set(numbers)].sort((a, b) => a - b)]), other };
}
