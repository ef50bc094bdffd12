// The seeds a session's samples came from, found by content hash rather than line number: a seed
// file edited since generation must not lend a sample someone else's gold answer.
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';

export class SeedLookup {
  readonly seeds: readonly Seed[];
  readonly #byHash = new Map<string, Seed>();

  constructor(seeds: readonly Seed[]) {
    this.seeds = seeds;
    for (const seed of seeds) if (!this.#byHash.has(seed.hash)) this.#byHash.set(seed.hash, seed);
  }

  /** The sample's first seed (AA and QR have exactly one), or why there is none. */
  sourceOf(sample: Sample): { readonly seed: Seed } | { readonly missing: string } {
    const hash = sample.seedHashes[0];
    const line = sample.seedLines[0];
    if (hash === undefined) return { missing: 'the sample names no seed' };
    const seed = this.#byHash.get(hash);
    if (seed) return { seed };
    return { missing: `seed line ${line ?? '?'} is not in the seeds given (the file changed since generation, or it is another file)` };
  }
}
