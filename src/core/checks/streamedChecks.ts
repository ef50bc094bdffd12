// The same checks as checkEntries, over samples read as a stream instead of held in memory: each
// pass asks the source for the samples again (a session reads its journal once more), so only the
// checker's own indexes and the results stay. The passes follow checkEntries' order exactly —
// question frequencies, answers noted, then accepted, pending and (compared, not indexed)
// rejected samples — so the results are the same, result for result.
import type { Seed } from '../seeds/types.ts';
import { currentText } from './currentText.ts';
import { SampleChecker } from './runChecks.ts';
import type { CheckOptions, CheckReport, SampleEntry } from './runChecks.ts';
import { tokenize } from './tokens.ts';
import type { CheckResult } from './types.ts';

/** Each call reads the samples from the start, in generation order. */
export type SampleSource = () => AsyncIterable<SampleEntry>;

/**
 * Most results repeat word for word across samples ("pass", "n/a for a new question", …): one
 * shared object each instead of one per sample. Bounded, so a session of unique details does not
 * grow a second copy of them.
 */
class ResultInterner {
  readonly #known = new Map<string, CheckResult>();
  readonly #max: number;

  constructor(max = 20_000) {
    this.#max = max;
  }

  intern(results: readonly CheckResult[]): readonly CheckResult[] {
    return results.map((result) => {
      const key = `${result.check}\u0000${result.status}\u0000${result.detail}`;
      const known = this.#known.get(key);
      if (known) return known;
      if (this.#known.size < this.#max) this.#known.set(key, result);
      return result;
    });
  }
}

const stateOf = (entry: SampleEntry) => entry.review?.state ?? 'pending';

export async function checkStreamed(source: SampleSource, seeds: readonly Seed[] | null, options: CheckOptions = {}): Promise<CheckReport> {
  // Every sample gets its place in generation order now; the checks fill them in later.
  const results = new Map<string, readonly CheckResult[]>();
  let frequencies = options.frequencies;
  const counted = frequencies === undefined ? new Map<string, number>() : null;
  const count = (question: string) => {
    if (counted) for (const token of new Set(tokenize(question))) counted.set(token, (counted.get(token) ?? 0) + 1);
  };
  for (const seed of seeds ?? []) count(seed.question);
  for await (const entry of source()) {
    results.set(entry.sample.id, []);
    if (entry.sample.strategy !== 'answer-augmentation') count(currentText(entry.sample, entry.review).question);
  }
  frequencies ??= counted ?? new Map();

  const checker = new SampleChecker(seeds, { ...options, frequencies });
  // A rejected answer is no reference: a person may have rejected it for being wrong.
  for await (const entry of source()) if (stateOf(entry) !== 'rejected') checker.noteAnswer(entry.sample, currentText(entry.sample, entry.review));
  const interner = new ResultInterner();
  for (const group of ['accepted', 'pending', 'rejected'] as const) {
    for await (const entry of source()) {
      if (stateOf(entry) !== group) continue;
      const text = currentText(entry.sample, entry.review);
      results.set(entry.sample.id, interner.intern(checker.check(entry.sample, text)));
      if (group !== 'rejected') checker.add(entry.sample, text);
    }
  }
  return { results, seedsGiven: seeds !== null };
}
