// agreement (new question): with no gold answer, the next best evidence is another answer bought
// for the same question (the same question written twice, or sampled twice). Usually there is
// only one, and then there is no reference.
import type { Sample } from '../samples/sample.ts';
import { compareAnswers, extractAnswer, showValue } from './answerValue.ts';
import type { ExtractedAnswer } from './answerValue.ts';
import { grownTypedArray } from '../growTypedArray.ts';
import { SampleOrdinals } from './sampleOrdinals.ts';
import type { CheckResult } from './types.ts';

const CHECK = 'agreement';

/** Where a noted answer went in its group: the index of its value there, or -1 when it states no final answer. */
const UNREADABLE = -1;
/** In #groupOf: the sample was never noted. */
const NOT_NOTED = -1;

/**
 * The answers bought for one question, tallied by value: a question asked a thousand times has a
 * handful of distinct answers, so each check compares with those, not with every answer. Which
 * answer was whose is kept by AnswerGroups, in typed arrays, not here.
 */
export class AnswerGroup {
  readonly number: number;
  /** Distinct final answers and how many answers gave each. */
  readonly #values: { readonly answer: ExtractedAnswer; count: number }[] = [];
  #unreadable = 0;

  constructor(number: number) {
    this.number = number;
  }

  /** Tallies an answer; returns where it went (its value's index, or UNREADABLE). */
  add(answer: ExtractedAnswer | null): number {
    if (answer === null) {
      this.#unreadable += 1;
      return UNREADABLE;
    }
    let at = this.#values.findIndex((v) => compareAnswers(v.answer.value, answer.value) === 'match');
    if (at < 0) at = this.#values.push({ answer, count: 0 }) - 1;
    (this.#values[at] as { count: number }).count += 1;
    return at;
  }

  /** The other answers' values, with the sample's own answer left out (`own`: where it went, undefined when not here). */
  othersOf(own: number | undefined): { readonly values: readonly { readonly answer: ExtractedAnswer; readonly count: number }[]; readonly unreadable: number } {
    return {
      values: this.#values.map((v, i) => ({ answer: v.answer, count: v.count - (own === i ? 1 : 0) })).filter((v) => v.count > 0),
      unreadable: this.#unreadable - (own === UNREADABLE ? 1 : 0),
    };
  }
}

/**
 * The answer groups of a session, by normalised question, and which group and value each noted
 * sample's answer went to. A sample's answer counts once per group. Kept by the sample's ordinal
 * in typed arrays: a million new questions would otherwise hold a million id strings and map
 * entries. A sample noted in a second group (its question edited in between) is rare and kept in
 * a map.
 */
export class AnswerGroups {
  readonly #groups = new Map<string, AnswerGroup>();
  readonly #ids: SampleOrdinals;
  #groupOf = new Int32Array(1024).fill(NOT_NOTED);
  #valueOf = new Int32Array(1024);
  readonly #elsewhere = new Map<string, Map<number, number>>();

  /** `ordinals`: the session's sample numbering when a reader keeps one (see DuplicateOptions.ordinals). */
  constructor(ordinals: SampleOrdinals = new SampleOrdinals()) {
    this.#ids = ordinals;
  }

  /** The group of a normalised question, if any answer to it was noted. */
  get(questionKey: string): AnswerGroup | undefined {
    return this.#groups.get(questionKey);
  }

  note(id: string, questionKey: string, answer: ExtractedAnswer | null): void {
    let group = this.#groups.get(questionKey);
    if (!group) this.#groups.set(questionKey, (group = new AnswerGroup(this.#groups.size)));
    const k = this.#ids.add(id);
    if (k >= this.#groupOf.length) this.#grow(k * 2);
    if (this.#groupOf[k] === NOT_NOTED) {
      this.#groupOf[k] = group.number;
      this.#valueOf[k] = group.add(answer);
      return;
    }
    if (this.#groupOf[k] === group.number) return;
    let more = this.#elsewhere.get(id);
    if (!more) this.#elsewhere.set(id, (more = new Map()));
    if (!more.has(group.number)) more.set(group.number, group.add(answer));
  }

  /** Where the sample's own answer went in `group`, or undefined when it was not noted there. */
  ownIn(group: AnswerGroup, id: string): number | undefined {
    const k = this.#ids.ordinalOf(id);
    if (k === undefined) return undefined;
    if (this.#groupOf[k] === group.number) return this.#valueOf[k];
    return this.#elsewhere.get(id)?.get(group.number);
  }

  #grow(size: number): void {
    this.#groupOf = grownTypedArray(this.#groupOf, size, NOT_NOTED);
    this.#valueOf = grownTypedArray(this.#valueOf, size);
  }

}

export function agreementCheck(sample: Sample, answer: string, group: AnswerGroup | undefined, own: number | undefined): CheckResult {
  if (sample.strategy !== 'new-question') return { check: CHECK, status: 'n/a', detail: 'checked against the seed instead (see gold-match)' };
  const others = group?.othersOf(own) ?? { values: [], unreadable: 0 };
  const k = others.values.reduce((n, v) => n + v.count, 0);
  if (k === 0) {
    return { check: CHECK, status: 'n/a', detail: others.unreadable === 0 ? 'no reference: one answer was bought for this question' : 'no reference: the other answers to this question state no final answer' };
  }
  const mine = extractAnswer(answer);
  if (mine === null) return { check: CHECK, status: 'warn', detail: `not comparable: this answer states no final answer (${k} other answer${k === 1 ? '' : 's'} exist)` };
  let agree = 0;
  const differing: string[] = [];
  for (const other of others.values) {
    if (compareAnswers(mine.value, other.answer.value) === 'match') agree += other.count;
    else differing.push(showValue(other.answer.value));
  }
  const answers = { expected: others.values[0]?.answer.raw ?? null, got: mine.raw };
  if (agree === k) return { check: CHECK, status: 'pass', detail: `agrees with ${k === 1 ? 'the other answer' : `all ${k} other answers`}: ${showValue(mine.value)}`, answers };
  const they = differing.slice(0, 3).join(', ');
  if (agree === 0) return { check: CHECK, status: 'fail', detail: `disagrees with ${k === 1 ? 'the other answer' : `all ${k} other answers`}: ${showValue(mine.value)} vs ${they}`, answers };
  return { check: CHECK, status: 'warn', detail: `agrees with ${agree} of ${k} other answers: ${showValue(mine.value)} vs ${they}`, answers };
}
