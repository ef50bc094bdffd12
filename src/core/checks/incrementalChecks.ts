// Checks fed in batches, for the editor: the first batch (the session as it was opened) is checked
// exactly as runChecks checks a whole session, so the editor and `seedsmith check` agree; each
// later batch holds only the samples that arrived since, and each of them is compared with
// everything before it (SampleChecker.checkAndAdd). Nothing already checked is checked again.
import type { Seed } from '../seeds/types.ts';
import { checkEntries } from './runChecks.ts';
import type { CheckOptions, SampleChecker, SampleEntry } from './runChecks.ts';
import type { CheckResult } from './types.ts';

export type { SampleEntry } from './runChecks.ts';

export class IncrementalChecks {
  readonly #seeds: readonly Seed[] | null;
  readonly #options: CheckOptions;
  #checker: SampleChecker | null = null;

  constructor(seeds: readonly Seed[] | null, options: CheckOptions = {}) {
    this.#seeds = seeds;
    this.#options = options;
  }

  /** Checks a batch of samples not seen before; returns their results by id. */
  add(batch: readonly SampleEntry[]): Map<string, readonly CheckResult[]> {
    if (this.#checker) {
      const results = new Map<string, readonly CheckResult[]>();
      for (const { sample, review } of batch) results.set(sample.id, this.#checker.checkAndAdd(sample, review));
      return results;
    }
    // The first batch, exactly as runChecks checks a whole session.
    const { results, checker } = checkEntries(batch, this.#seeds, this.#options);
    this.#checker = checker;
    return results;
  }
}
