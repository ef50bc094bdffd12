// The attempt ids a reducer has seen settled, kept as bits: every request a session ever made is
// settled once, so a million-sample session has millions of them. Ids are a run's id and a
// counter (`run-….17`, meter.ts sequentialIds): per prefix, one bit per counter value. Any other
// id (a batch line's custom_id, a hand-written journal) goes to an ordinary set.
const SEQUENTIAL = /^(.*[.:])([1-9][0-9]{0,8})$/;

export class AttemptIdSet {
  readonly #bits = new Map<string, Uint8Array>();
  readonly #other = new Set<string>();

  has(id: string): boolean {
    const m = SEQUENTIAL.exec(id);
    if (!m) return this.#other.has(id);
    const bits = this.#bits.get(m[1]!);
    const n = Number(m[2]);
    return bits !== undefined && ((bits[n >>> 3] ?? 0) & (1 << (n & 7))) !== 0;
  }

  add(id: string): this {
    const m = SEQUENTIAL.exec(id);
    if (!m) {
      this.#other.add(id);
      return this;
    }
    const n = Number(m[2]);
    let bits = this.#bits.get(m[1]!);
    if (bits === undefined || bits.length <= n >>> 3) {
      const grown = new Uint8Array(Math.max(64, (n >>> 3) + 1, (bits?.length ?? 0) * 2));
      if (bits) grown.set(bits);
      this.#bits.set(m[1]!, (bits = grown));
    }
    bits[n >>> 3]! |= 1 << (n & 7);
    return this;
  }
}
