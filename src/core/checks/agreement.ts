// agreement (new question): with no gold answer, the next best evidence is another answer bought
// for the same question (the same question written twice, or sampled twice). Usually there is
// only one, and then there is no reference.
import type { Sample } from '../samples/sample.ts';
import { answerValue, compareAnswers, extractAnswer, showValue } from './answerValue.ts';
import type { ExtractedAnswer } from './answerValue.ts';
import { grownTypedArray } from '../growTypedArray.ts';
import { SampleOrdinals } from './sampleOrdinals.ts';
import type { CheckResult } from './types.ts';

const CHECK = 'agreement';

/** Where a noted answer went: the number of its value, or -1 when it states no final answer. */
const UNREADABLE = -1;
/** In #groupOf: the sample was never noted. In the value chains: no more values. */
const NONE = -1;

/** The other answers to a sample's question, tallied by value, the sample's own answer left out. */
export interface OtherAnswers {
  readonly values: readonly { readonly answer: ExtractedAnswer; readonly count: number }[];
  readonly unreadable: number;
}

/**
 * The answer groups of a session: the answers bought for one (normalised) question, tallied by
 * value, and which value each noted sample gave. A question asked a thousand times has a handful
 * of distinct answers, so each check compares with those, not with every answer. A million new
 * questions make a hundred thousand groups or more, so a group is a few numbers in typed arrays:
 * its values in a chain (value number → the next), each value its final answer as written
 * (shared by every value written the same way: "12" is stored once) and its count. The value to
 * compare is read from the text again when needed. Which value a sample gave is kept by its
 * ordinal; a sample noted in a second group (its question edited in between) is rare and kept in
 * a map.
 */
export class AnswerGroups {
  /** Normalised question → its group's number. */
  readonly #groups = new Map<string, number>();
  /** Per group: its first and last value, and how many answers stated no final answer. */
  #firstValue = new Int32Array(256);
  #lastValue = new Int32Array(256);
  #unreadable = new Int32Array(256);
  /** Per value: its final answer as written (a number in #written), how many gave it, the group's next value. */
  #writtenAs = new Int32Array(256);
  #count = new Int32Array(256);
  #nextValue = new Int32Array(256);
  #values = 0;
  readonly #written: string[] = [];
  readonly #writtenNumbers = new Map<string, number>();
  readonly #ids: SampleOrdinals;
  #groupOf = new Int32Array(1024).fill(NONE);
  #valueOf = new Int32Array(1024);
  readonly #elsewhere = new Map<string, Map<number, number>>();

  /** `ordinals`: the session's sample numbering when a reader keeps one (see DuplicateOptions.ordinals). */
  constructor(ordinals: SampleOrdinals = new SampleOrdinals()) {
    this.#ids = ordinals;
  }

  note(id: string, questionKey: string, answer: ExtractedAnswer | null): void {
    let group = this.#groups.get(questionKey);
    if (group === undefined) {
      group = this.#groups.size;
      this.#groups.set(questionKey, group);
      if (group >= this.#firstValue.length) {
        this.#firstValue = grownTypedArray(this.#firstValue, group + 1);
        this.#lastValue = grownTypedArray(this.#lastValue, group + 1);
        this.#unreadable = grownTypedArray(this.#unreadable, group + 1);
      }
      this.#firstValue[group] = NONE;
      this.#lastValue[group] = NONE;
    }
    const k = this.#ids.add(id);
    if (k >= this.#groupOf.length) {
      this.#groupOf = grownTypedArray(this.#groupOf, k * 2, NONE);
      this.#valueOf = grownTypedArray(this.#valueOf, k * 2);
    }
    if (this.#groupOf[k] === NONE) {
      this.#groupOf[k] = group;
      this.#valueOf[k] = this.#tally(group, answer);
      return;
    }
    if (this.#groupOf[k] === group) return;
    let more = this.#elsewhere.get(id);
    if (!more) this.#elsewhere.set(id, (more = new Map()));
    if (!more.has(group)) more.set(group, this.#tally(group, answer));
  }

  /** The other answers to the question (the sample's own left out), or undefined when none was noted. */
  othersOf(questionKey: string, id: string): OtherAnswers | undefined {
    const group = this.#groups.get(questionKey);
    if (group === undefined) return undefined;
    const own = this.#ownIn(group, id);
    const values: { answer: ExtractedAnswer; count: number }[] = [];
    for (let v = this.#firstValue[group]!; v !== NONE; v = this.#nextValue[v]!) {
      const count = this.#count[v]! - (own === v ? 1 : 0);
      if (count > 0) values.push({ answer: this.#answerOf(v), count });
    }
    return { values, unreadable: this.#unreadable[group]! - (own === UNREADABLE ? 1 : 0) };
  }

  /** Tallies an answer in a group; returns its value's number (or UNREADABLE). */
  #tally(group: number, answer: ExtractedAnswer | null): number {
    if (answer === null) {
      this.#unreadable[group]! += 1;
      return UNREADABLE;
    }
    const written = this.#writtenNumber(answer.raw);
    let v = this.#firstValue[group]!;
    // The same text is the same value; another text may still be (12 and 12.00).
    while (v !== NONE && this.#writtenAs[v] !== written && compareAnswers(this.#answerOf(v).value, answer.value) !== 'match') v = this.#nextValue[v]!;
    if (v === NONE) v = this.#newValue(group, written);
    this.#count[v]! += 1;
    return v;
  }

  #newValue(group: number, written: number): number {
    const v = this.#values++;
    if (v >= this.#writtenAs.length) {
      this.#writtenAs = grownTypedArray(this.#writtenAs, v + 1);
      this.#count = grownTypedArray(this.#count, v + 1);
      this.#nextValue = grownTypedArray(this.#nextValue, v + 1);
    }
    this.#writtenAs[v] = written;
    this.#nextValue[v] = NONE;
    const last = this.#lastValue[group]!;
    if (last === NONE) this.#firstValue[group] = v;
    else this.#nextValue[last] = v;
    this.#lastValue[group] = v;
    return v;
  }

  #writtenNumber(raw: string): number {
    let n = this.#writtenNumbers.get(raw);
    if (n === undefined) {
      n = this.#written.length;
      // A copy of its own: the answer as written may be a slice that keeps the whole answer alive.
      const own = JSON.parse(JSON.stringify(raw)) as string;
      this.#written.push(own);
      this.#writtenNumbers.set(own, n);
    }
    return n;
  }

  /** A value's answer, read again from the text it was written as (what extractAnswer made of it). */
  #answerOf(v: number): ExtractedAnswer {
    const raw = this.#written[this.#writtenAs[v]!]!;
    return { raw, how: 'marked', value: answerValue(raw) };
  }

  /** Which value of `group` the sample gave (UNREADABLE for none stated), or undefined when it was not noted there. */
  #ownIn(group: number, id: string): number | undefined {
    const k = this.#ids.ordinalOf(id);
    if (k === undefined) return undefined;
    if (this.#groupOf[k] === group) return this.#valueOf[k];
    return this.#elsewhere.get(id)?.get(group);
  }
}

/** `others`: the other answers to the sample's question, undefined when none was noted. */
export function agreementCheck(sample: Sample, answer: string, others: OtherAnswers = { values: [], unreadable: 0 }): CheckResult {
  if (sample.strategy !== 'new-question') return { check: CHECK, status: 'n/a', detail: 'checked against the seed instead (see gold-match)' };
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
