// Sample ids → their place in generation order (0, 1, 2, …), for per-sample state kept in typed
// arrays instead of maps of strings: a million samples in a few flat arrays, not a million
// strings and map entries. SeedSmith's ids are 12 lowercase hex digits (sampleIds.ts): those are
// kept as numbers (48 bits fit a double exactly) in an open-addressing table; any other id (an old
// or hand-written journal) goes to an ordinary map, so every id works and the common one is cheap.
const HEX_ID = /^[0-9a-f]{12}$/;
const TWO_32 = 0x1_0000_0000;
const EMPTY = -1;

export class SampleOrdinals {
  /** Per ordinal: the id as a number, or NaN when the id is in #otherIds. */
  #numbers = new Float64Array(1024);
  /** Hash table of ordinals (EMPTY = free), at most half full. */
  #slots = new Int32Array(2048).fill(EMPTY);
  readonly #other = new Map<string, number>();
  readonly #otherIds = new Map<number, string>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  ordinalOf(id: string): number | undefined {
    if (!HEX_ID.test(id)) return this.#other.get(id);
    const n = Number.parseInt(id, 16);
    const mask = this.#slots.length - 1;
    for (let slot = hashOf(n) & mask; ; slot = (slot + 1) & mask) {
      const k = this.#slots[slot]!;
      if (k === EMPTY) return undefined;
      if (this.#numbers[k] === n) return k;
    }
  }

  /** The id's ordinal, adding it as the next one when it is new. */
  add(id: string): number {
    const known = this.ordinalOf(id);
    if (known !== undefined) return known;
    const k = this.#size;
    if (k === this.#numbers.length) {
      const numbers = new Float64Array(k * 2);
      numbers.set(this.#numbers);
      this.#numbers = numbers;
    }
    this.#size += 1;
    if (!HEX_ID.test(id)) {
      this.#numbers[k] = Number.NaN;
      this.#other.set(id, k);
      this.#otherIds.set(k, id);
      return k;
    }
    this.#numbers[k] = Number.parseInt(id, 16);
    if (this.#size * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(k);
    return k;
  }

  idAt(ordinal: number): string {
    const n = this.#numbers[ordinal];
    if (n === undefined || ordinal >= this.#size) throw new RangeError(`no sample at ordinal ${ordinal}`);
    return Number.isNaN(n) ? this.#otherIds.get(ordinal)! : n.toString(16).padStart(12, '0');
  }

  #place(k: number): void {
    const mask = this.#slots.length - 1;
    let slot = hashOf(this.#numbers[k]!) & mask;
    while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.#slots[slot] = k;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size).fill(EMPTY);
    for (let k = 0; k < this.#size; k += 1) if (!Number.isNaN(this.#numbers[k]!)) this.#place(k);
  }
}

function hashOf(n: number): number {
  const low = n % TWO_32;
  const high = (n - low) / TWO_32;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0;
}
