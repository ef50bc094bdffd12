// Every check over a session, or over one new sample at a time. Checks are a pure function of the
// journal's state and the seeds, recomputed when needed rather than stored: a stored result would
// go stale as soon as another sample is accepted (duplicates) or the seed file is fixed (gold).
import type { SampleReview, SessionState } from '../journal/state.ts';
import type { AnswerProfile } from '../profile/types.ts';
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { extractAnswer } from './answerValue.ts';
import { AnswerGroups, agreementCheck } from './agreement.ts';
import { currentText } from './currentText.ts';
import type { SampleText } from './currentText.ts';
import { DuplicateChecker } from './duplicateCheck.ts';
import type { DuplicateOptions } from './duplicateCheck.ts';
import { emptyCheck, refusalCheck, selfCheck, truncatedCheck } from './flagChecks.ts';
import { goldMatchCheck } from './goldMatch.ts';
import { ONE_ANSWER_KINDS } from './kinds/kindChecks.ts';
import { sampleKindChecks } from './kinds/sampleKindChecks.ts';
import { lengthCheck, seedLengths } from './lengthCheck.ts';
import type { LengthOptions, SeedLengths } from './lengthCheck.ts';
import { ScaffoldingChecker } from './scaffolding.ts';
import { SeedLookup } from './seedLookup.ts';
import { normalizedText, tokenize } from './tokens.ts';
import type { CheckResult } from './types.ts';

export interface CheckOptions extends DuplicateOptions {
  readonly length?: LengthOptions;
  /**
   * The seed file's answer profile: adds the checks of its kind (checks/kinds). For a kind other
   * than numeric, gold-match (which compares final numbers) is n/a and the kind's own gold check
   * says whether the answer is right; for a kind with one right answer, an answer equal to the
   * seed's gold is correct, never a failing duplicate.
   */
  readonly profile?: AnswerProfile;
}

export interface CheckReport {
  /** Sample id → its results in CHECK_IDS order, samples in generation order. */
  readonly results: ReadonlyMap<string, readonly CheckResult[]>;
  /** False when no seeds were given: gold-match and length are then n/a and duplicates are only among samples. */
  readonly seedsGiven: boolean;
}

/**
 * Checks samples one at a time. A sample is compared for duplicates with the seeds and the samples
 * `add`ed before it, so the order of adding decides which of two duplicates is reported (the
 * later one): runChecks adds accepted samples first, then pending, then looks at rejected ones
 * without adding them. In an editor, `checkAndAdd` each new sample as it arrives.
 */
export class SampleChecker {
  readonly #seeds: SeedLookup | null;
  readonly #lengths: SeedLengths | null;
  readonly #options: CheckOptions;
  readonly #duplicates: DuplicateChecker;
  readonly #scaffolding: ScaffoldingChecker;
  /** New questions' answers by normalised question, for agreement. */
  readonly #answers: AnswerGroups;

  constructor(seeds: readonly Seed[] | null, options: CheckOptions = {}) {
    this.#seeds = seeds ? new SeedLookup(seeds) : null;
    this.#lengths = seeds ? seedLengths(seeds) : null;
    this.#options = options;
    this.#duplicates = new DuplicateChecker(seeds ?? [], options);
    this.#answers = new AnswerGroups(options.ordinals);
    this.#scaffolding = new ScaffoldingChecker(seeds ?? []);
  }

  /** Makes a new question's answer a reference for the other answers to the same question. */
  noteAnswer(sample: Sample, text: SampleText): void {
    if (sample.strategy !== 'new-question' || text.answer.trim() === '') return;
    this.#answers.note(sample.id, normalizedText(tokenize(text.question)), extractAnswer(text.answer));
  }

  check(sample: Sample, text: SampleText): CheckResult[] {
    const others = sample.strategy === 'new-question' ? this.#answers.othersOf(normalizedText(tokenize(text.question)), sample.id) : undefined;
    const profile = this.#options.profile;
    const kindResults = profile === undefined ? [] : sampleKindChecks(sample, text, this.#seeds, profile).filter((r) => r.check !== 'numeric-gold');
    return [
      profile === undefined || profile.kind === 'numeric' ? goldMatchCheck(sample, text.answer, this.#seeds) : { check: 'gold-match', status: 'n/a', detail: `n/a, because the answers are ${profile.kind}, not numbers: see the ${profile.kind} checks` },
      ...kindResults,
      agreementCheck(sample, text.answer, others),
      this.#goldIsNoDuplicate(sample, text, this.#duplicates.check(sample, text)),
      refusalCheck(sample, text),
      emptyCheck(sample, text),
      truncatedCheck(sample, text),
      lengthCheck(sample, text.question, this.#lengths, this.#options.length),
      this.#scaffolding.check(text.question, text.answer),
      selfCheck(sample, text),
    ];
  }

  add(sample: Sample, text: SampleText): void {
    this.#duplicates.add(sample, text);
  }

  /** Label, JSON, SQL, code: an answer equal to its seed's gold is the right answer, not a copy. */
  #goldIsNoDuplicate(sample: Sample, text: SampleText, result: CheckResult): CheckResult {
    const kind = this.#options.profile?.kind;
    if (kind === undefined || !ONE_ANSWER_KINDS.has(kind) || result.status !== 'fail' || sample.strategy !== 'answer-augmentation' || this.#seeds === null) return result;
    const source = this.#seeds.sourceOf(sample);
    if (!('seed' in source) || normalizedText(tokenize(source.seed.answer)) !== normalizedText(tokenize(text.answer))) return result;
    return { ...result, status: 'pass', detail: `equal to the seed's gold answer: right for a ${kind} task, which has one right answer (not counted as a duplicate)` };
  }

  /** The incremental form: one new (pending) sample against everything before it. */
  checkAndAdd(sample: Sample, review?: SampleReview): CheckResult[] {
    const text = currentText(sample, review);
    this.noteAnswer(sample, text);
    const results = this.check(sample, text);
    if (review?.state !== 'rejected') this.add(sample, text);
    return results;
  }
}

/** A sample with its review when checked; undefined for a pending sample. */
export interface SampleEntry {
  readonly sample: Sample;
  readonly review: SampleReview | undefined;
}

export function runChecks(state: SessionState, seeds: readonly Seed[] | null, options: CheckOptions = {}): CheckReport {
  const entries = [...state.samples.values()].map((sample) => ({ sample, review: state.reviews.get(sample.id) }));
  return { results: checkEntries(entries, seeds, options).results, seedsGiven: seeds !== null };
}

/**
 * Checks a set of samples together, in one order: answers noted first, then accepted, pending and
 * (compared, not indexed) rejected samples. Returns the results in the entries' order and the
 * checker, which can take later samples one at a time (the editor's incremental checks).
 */
export function checkEntries(entries: readonly SampleEntry[], seeds: readonly Seed[] | null, options: CheckOptions = {}): { results: Map<string, readonly CheckResult[]>; checker: SampleChecker } {
  const texts = entries.map(({ sample, review }) => currentText(sample, review));
  const checker = new SampleChecker(seeds, { ...options, frequencies: options.frequencies ?? questionFrequencies(entries, texts, seeds ?? []) });
  const byState: Record<'accepted' | 'pending' | 'rejected', number[]> = { accepted: [], pending: [], rejected: [] };
  for (const [k, { sample, review }] of entries.entries()) {
    byState[review?.state ?? 'pending'].push(k);
    // A rejected answer is no reference: a person may have rejected it for being wrong.
    if (review?.state !== 'rejected') checker.noteAnswer(sample, texts[k] as SampleText);
  }
  const computed = new Map<string, readonly CheckResult[]>();
  for (const group of ['accepted', 'pending', 'rejected'] as const) {
    for (const k of byState[group]) {
      const { sample } = entries[k] as SampleEntry;
      const text = texts[k] as SampleText;
      computed.set(sample.id, checker.check(sample, text));
      if (group !== 'rejected') checker.add(sample, text);
    }
  }
  const results = new Map<string, readonly CheckResult[]>();
  for (const { sample } of entries) results.set(sample.id, computed.get(sample.id) ?? []);
  return { results, checker };
}

/** How many question texts hold each token: the index's order puts rare tokens first. */
function questionFrequencies(entries: readonly SampleEntry[], texts: readonly SampleText[], seeds: readonly Seed[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  const count = (question: string) => {
    for (const token of new Set(tokenize(question))) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
  };
  for (const seed of seeds) count(seed.question);
  for (const [k, { sample }] of entries.entries()) if (sample.strategy !== 'answer-augmentation') count((texts[k] as SampleText).question);
  return frequencies;
}
