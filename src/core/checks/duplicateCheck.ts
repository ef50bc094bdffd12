// duplicate: is the sample new? Exact duplicates (same normalised text) and near duplicates
// (ROUGE-L F > 0.7, the Self-Instruct rule) against the seed questions and the samples indexed
// before it. What is compared depends on the strategy:
// - new question: the question, against every seed and sample question; a near duplicate fails
//   (Self-Instruct drops it: it adds no diversity).
// - question rephrase: the question too, but a rephrasing is meant to stay close to its own seed,
//   so nearness to that seed is expected; exact copies fail, nearness to anything else warns.
// - answer augmentation: the question is the seed's by design, so the answer is compared, with
//   the seed's answer and the other answers to the same question (MetaMath/RFT drop identical
//   reasoning paths). Answers to one question share most words, so nearness only warns.
// A duplicate names one text it duplicates (the exact copy if there is one, else the first met
// above the threshold), not necessarily the nearest: the verdict is the same, and proving that
// nothing nearer exists made checking template-made questions grow with the square of the session.
import type { Sample } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import type { SampleText } from './currentText.ts';
import { NearDuplicateIndex } from './nearDuplicateIndex.ts';
import { SampleOrdinals } from './sampleOrdinals.ts';
import { lcsLength, rougeL } from './rougeL.ts';
import type { DuplicateMatch } from './nearDuplicateIndex.ts';
import { normalizedText, tokenize } from './tokens.ts';
import { describeItem } from './types.ts';
import type { CheckResult, ItemRef } from './types.ts';

export interface DuplicateOptions {
  /** ROUGE-L F above which two texts are near duplicates (default 0.7). */
  readonly threshold?: number;
  /** Token → texts holding it, over everything that will be indexed (makes the index faster). */
  readonly frequencies?: ReadonlyMap<string, number>;
  /** How many questions (and their tokens) will be indexed, seeds included, when known. */
  readonly questionCapacity?: { readonly items: number; readonly tokens: number };
  /**
   * The session's sample numbering, when a reader already keeps one (the streamed commands'
   * review map): shared instead of a copy per index. Only ids of that session's samples are
   * given to it.
   */
  readonly ordinals?: SampleOrdinals;
}

const CHECK = 'duplicate';

/** The one answer to a question, as normalizedText (tokens never hold a space, so they split back). */
interface LoneAnswer {
  readonly key: number;
  readonly text: string;
}

const tokensOf = (text: string): string[] => (text === '' ? [] : text.split(' '));

// The indexes key their texts by a number, not an ItemRef: a million indexed samples would
// otherwise hold a million small objects and id strings. A seed is below zero (line 0 → -1,
// line 1 → -2, …); a sample is its place in #ids.
type ItemKey = number;
const seedKey = (line: number): ItemKey => -line - 1;
const seedLineOf = (key: ItemKey): number => -key - 1;

export class DuplicateChecker {
  readonly #threshold: number;
  readonly #questions: NearDuplicateIndex<ItemKey>;
  readonly #ids: SampleOrdinals;
  /** Seed line → its question's tokens, to measure a rephrasing against its own seed. */
  readonly #seedQuestions = new Map<number, string[]>();
  /**
   * Answer-augmentation answers by (normalised) question: a question with one answer (a seed's
   * own, or a sample whose question was edited) keeps it as one string; the second answer makes
   * an index of both. A session with thousands of edited questions would otherwise hold
   * thousands of near-empty indexes, each a dozen typed arrays.
   */
  readonly #answers = new Map<string, LoneAnswer | NearDuplicateIndex<ItemKey>>();

  constructor(seeds: readonly Seed[], options: DuplicateOptions = {}) {
    this.#threshold = options.threshold ?? 0.7;
    this.#ids = options.ordinals ?? new SampleOrdinals();
    this.#questions = new NearDuplicateIndex({ threshold: this.#threshold, ...(options.frequencies ? { frequencies: options.frequencies } : {}), ...(options.questionCapacity ? { capacity: options.questionCapacity } : {}) });
    for (const seed of seeds) {
      const ref = seedKey(seed.line);
      const questionTokens = tokenize(seed.question);
      this.#questions.add(ref, questionTokens);
      if (!this.#seedQuestions.has(seed.line)) this.#seedQuestions.set(seed.line, questionTokens);
      this.#addAnswer(questionTokens, ref, tokenize(seed.answer));
    }
  }

  /** Compares the sample with everything indexed so far (itself excluded). */
  check(sample: Sample, text: SampleText): CheckResult {
    const ownKey = this.#ids.ordinalOf(sample.id);
    const own = (key: ItemKey) => key === ownKey;
    if (sample.strategy === 'answer-augmentation') {
      const answerTokens = tokenize(text.answer);
      if (answerTokens.length === 0) return { check: CHECK, status: 'n/a', detail: 'no answer to compare' };
      const answers = this.#answers.get(normalizedText(tokenize(text.question)));
      const nearest = answers === undefined ? undefined : answers instanceof NearDuplicateIndex ? answers.query(answerTokens, { skip: own, want: 'any' })[0] : this.#loneMatch(answers, answerTokens, own);
      return this.#verdict(nearest, 'answer', 'warn');
    }
    const questionTokens = tokenize(text.question);
    if (questionTokens.length === 0) return { check: CHECK, status: 'n/a', detail: 'no question to compare' };
    if (sample.strategy === 'new-question') {
      const [nearest] = this.#questions.query(questionTokens, { skip: own, want: 'any' });
      return this.#verdict(nearest, 'question', 'fail');
    }
    // A rephrasing: its own seed is measured apart, since being close to it is the point.
    const ownSeeds = new Set(sample.seedLines);
    const isOwnSeed = (key: ItemKey) => key < 0 && ownSeeds.has(seedLineOf(key));
    const [nearest] = this.#questions.query(questionTokens, { skip: (ref) => own(ref) || isOwnSeed(ref), want: 'any' });
    const seedLine = sample.seedLines[0];
    const seedTokens = seedLine === undefined ? undefined : this.#seedQuestions.get(seedLine);
    if (seedLine !== undefined && seedTokens && normalizedText(seedTokens) === normalizedText(questionTokens)) {
      return { check: CHECK, status: 'fail', detail: `the question is identical to its own seed line ${seedLine}: not a rephrasing`, nearest: { item: { kind: 'seed', line: seedLine }, score: 1, exact: true } };
    }
    if (nearest || seedLine === undefined || !seedTokens) return this.#verdict(nearest, 'question', 'warn');
    const score = rougeL(seedTokens, questionTokens).f;
    return { check: CHECK, status: 'pass', detail: `no duplicate; ROUGE-L ${score.toFixed(2)} to its own seed line ${seedLine}`, nearest: { item: { kind: 'seed', line: seedLine }, score, exact: false } };
  }

  /** Indexes the sample, so later samples are compared with it. */
  add(sample: Sample, text: SampleText): void {
    const ref = this.#ids.add(sample.id);
    if (sample.strategy === 'answer-augmentation') {
      const answerTokens = tokenize(text.answer);
      if (answerTokens.length > 0) this.#addAnswer(tokenize(text.question), ref, answerTokens);
      return;
    }
    const questionTokens = tokenize(text.question);
    if (questionTokens.length > 0) this.#questions.add(ref, questionTokens);
  }

  #addAnswer(questionTokens: readonly string[], key: ItemKey, answerTokens: readonly string[]): void {
    const question = normalizedText(questionTokens);
    const answers = this.#answers.get(question);
    if (answers === undefined) this.#answers.set(question, { key, text: normalizedText(answerTokens) });
    else if (answers instanceof NearDuplicateIndex) answers.add(key, answerTokens);
    else {
      const index = new NearDuplicateIndex<ItemKey>({ threshold: this.#threshold });
      index.add(answers.key, tokensOf(answers.text));
      index.add(key, answerTokens);
      this.#answers.set(question, index);
    }
  }

  /** What an index holding only `lone` would answer to a query for any match (an exact copy, else ROUGE-L F above the threshold). */
  #loneMatch(lone: LoneAnswer, tokens: readonly string[], skip: (key: ItemKey) => boolean): DuplicateMatch<ItemKey> | undefined {
    if (skip(lone.key)) return undefined;
    if (normalizedText(tokens) === lone.text) return { key: lone.key, score: 1, exact: true };
    const theirs = tokensOf(lone.text);
    // The index's own expression, so the score is the same number to the last bit.
    const score = (2 * lcsLength(tokens, theirs)) / (tokens.length + theirs.length);
    return score > this.#threshold ? { key: lone.key, score, exact: score === 1 } : undefined;
  }


  #item(key: ItemKey): ItemRef {
    return key < 0 ? { kind: 'seed', line: seedLineOf(key) } : { kind: 'sample', id: this.#ids.idAt(key) };
  }

  #verdict(match: DuplicateMatch<ItemKey> | undefined, what: 'question' | 'answer', nearStatus: 'fail' | 'warn'): CheckResult {
    const nearest = match && { ...match, key: this.#item(match.key) };
    if (!nearest) return { check: CHECK, status: 'pass', detail: `no ${what} above ROUGE-L ${this.#threshold}` };
    if (nearest.exact) return { check: CHECK, status: 'fail', detail: `the ${what} is an exact duplicate of ${describeItem(nearest.key)}`, nearest: { item: nearest.key, score: 1, exact: true } };
    return {
      check: CHECK,
      status: nearStatus,
      detail: `the ${what} is a near duplicate of ${describeItem(nearest.key)}: ROUGE-L ${nearest.score.toFixed(2)}`,
      nearest: { item: nearest.key, score: nearest.score, exact: false },
    };
  }
}
