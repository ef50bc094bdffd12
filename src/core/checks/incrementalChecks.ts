// Checks fed in batches, for the editor: the first batch (the session as it was opened) is checked
// exactly as runChecks checks a whole session, so the editor and `seedsmith check` agree; each
// later batch holds only the samples that arrived since, and each of them is compared with
// everything before it (SampleChecker.checkAndAdd). Nothing already checked is checked again.
import type { SampleReview } from '../journal/state.ts';
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { currentText } from './currentText.ts';
import type { SampleText } from './currentText.ts';
import { SampleChecker } from './runChecks.ts';
import type { CheckOptions } from './runChecks.ts';
import { tokenize } from './tokens.ts';
import type { CheckResult } from './types.ts';

export interface SampleEntry {
  readonly sample: Sample;
  /** Its review when it was sent; undefined for a pending sample. */
  readonly review: SampleReview | undefined;
}

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
    return this.#first(batch);
  }

  /** runChecks' order: answers noted first, then accepted, pending and (compared, not indexed) rejected samples. */
  #first(batch: readonly SampleEntry[]): Map<string, readonly CheckResult[]> {
    const texts = batch.map(({ sample, review }) => currentText(sample, review));
    const checker = new SampleChecker(this.#seeds, { ...this.#options, frequencies: this.#options.frequencies ?? questionFrequencies(batch, texts, this.#seeds ?? []) });
    this.#checker = checker;
    const byState: Record<'accepted' | 'pending' | 'rejected', number[]> = { accepted: [], pending: [], rejected: [] };
    for (const [k, { sample, review }] of batch.entries()) {
      byState[review?.state ?? 'pending'].push(k);
      // A rejected answer is no reference: a person may have rejected it for being wrong.
      if (review?.state !== 'rejected') checker.noteAnswer(sample, texts[k] as SampleText);
    }
    const computed = new Map<string, readonly CheckResult[]>();
    for (const group of ['accepted', 'pending', 'rejected'] as const) {
      for (const k of byState[group]) {
        const { sample } = batch[k] as SampleEntry;
        const text = texts[k] as SampleText;
        computed.set(sample.id, checker.check(sample, text));
        if (group !== 'rejected') checker.add(sample, text);
      }
    }
    // In generation order, as runChecks reports them.
    const results = new Map<string, readonly CheckResult[]>();
    for (const { sample } of batch) results.set(sample.id, computed.get(sample.id) ?? []);
    return results;
  }
}

/** How many question texts hold each token (the duplicate index puts rare tokens first). */
function questionFrequencies(batch: readonly SampleEntry[], texts: readonly SampleText[], seeds: readonly Seed[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  const count = (question: string) => {
    for (const token of new Set(tokenize(question))) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
  };
  for (const seed of seeds) count(seed.question);
  for (const [k, { sample }] of batch.entries()) if (sample.strategy !== 'answer-augmentation') count((texts[k] as SampleText).question);
  return frequencies;
}
