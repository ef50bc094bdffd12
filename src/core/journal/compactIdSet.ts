// The attempt ids a session has settled, kept compactly: ids of the form `<run>:<n>` (what runs
// write) as a sorted list of numbers per run, answered by binary search; any other id in an
// ordinary Set. A checkpoint of 100,000 settled attempts then loads as a few number lists instead
// of 100,000 strings hashed into a Set. It is a real Set: the reducer only asks has and add.

/** `run-1:42` → ['run-1', 42]; null when the part after the last colon is not a plain whole number. */
export function splitAttemptId(id: string): [string, number] | null {
  const colon = id.lastIndexOf(':');
  if (colon < 0) return null;
  const digits = id.slice(colon + 1);
  if (!/^(0|[1-9]\d{0,14})$/.test(digits)) return null;
  return [id.slice(0, colon), Number(digits)];
}

export class CompactIdSet extends Set<string> {
  /** prefix → its numbers, ascending, no repeats. */
  readonly #groups = new Map<string, number[]>();
  #grouped = 0;

  /** Adds the ids `${prefix}:${n}` for every n (ascending, no repeats). */
  addGroup(prefix: string, sorted: readonly number[]): void {
    const had = this.#groups.get(prefix);
    const merged = had ? [...new Set([...had, ...sorted])].sort((a, b) => a - b) : [...sorted];
    this.#grouped += merged.length - (had?.length ?? 0);
    this.#groups.set(prefix, merged);
  }

  override has(id: string): boolean {
    return super.has(id) || this.#inGroups(id);
  }

  override add(id: string): this {
    if (!this.#inGroups(id)) super.add(id);
    return this;
  }

  override delete(id: string): boolean {
    if (super.delete(id)) return true;
    const split = splitAttemptId(id);
    const group = split ? this.#groups.get(split[0]) : undefined;
    const at = split && group ? indexIn(group, split[1]) : -1;
    if (at < 0 || !group) return false;
    group.splice(at, 1);
    this.#grouped -= 1;
    return true;
  }

  override clear(): void {
    super.clear();
    this.#groups.clear();
    this.#grouped = 0;
  }

  override get size(): number {
    return super.size + this.#grouped;
  }

  override *values(): SetIterator<string> {
    for (const [prefix, numbers] of this.#groups) for (const n of numbers) yield `${prefix}:${n}`;
    yield* super.values();
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

  #inGroups(id: string): boolean {
    if (this.#grouped === 0) return false;
    const split = splitAttemptId(id);
    const group = split ? this.#groups.get(split[0]) : undefined;
    return split !== null && group !== undefined && indexIn(group, split[1]) >= 0;
  }
}

/** The ids grouped as a CompactIdSet keeps them: prefix → sorted numbers, and the rest. */
export function groupAttemptIds(ids: Iterable<string>): { groups: [string, number[]][]; other: string[] } {
  const groups = new Map<string, number[]>();
  const other: string[] = [];
  for (const id of ids) {
    const split = splitAttemptId(id);
    if (!split) {
      other.push(id);
      continue;
    }
    const group = groups.get(split[0]);
    if (group) group.push(split[1]);
    else groups.set(split[0], [split[1]]);
  }
  return { groups: [...groups].map(([prefix, numbers]) => [prefix, [...new Set(numbers)].sort((a, b) => a - b)]), other };
}

function indexIn(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === n) return mid;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
