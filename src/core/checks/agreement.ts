// agreement (new question): with no gold answer, the next best evidence is another answer bought
// for the same question (the same question written twice, or sampled twice). Usually there is
// only one, and then there is no reference.
import type { Sample } from '../samples/sample.ts';
import { compareAnswers, extractAnswer, showValue } from './answerValue.ts';
import type { ExtractedAnswer } from './answerValue.ts';
import type { CheckResult } from './types.ts';

const CHECK = 'agreement';

/**
 * The answers bought for one question, tallied by value: a question asked a thousand times has a
 * handful of distinct answers, so each check compares with those, not with every answer.
 */
export class AnswerGroup {
  readonly #ids = new Map<string, number>();
  /** Distinct final answers and how many answers gave each. */
  readonly #values: { readonly answer: ExtractedAnswer; count: number }[] = [];
  #unreadable = 0;

  /** Adds an answer once per sample id. */
  add(id: string, answer: ExtractedAnswer | null): void {
    if (this.#ids.has(id)) return;
    if (answer === null) {
      this.#ids.set(id, -1);
      this.#unreadable += 1;
      return;
    }
    let at = this.#values.findIndex((v) => compareAnswers(v.answer.value, answer.value) === 'match');
    if (at < 0) at = this.#values.push({ answer, count: 0 }) - 1;
    (this.#values[at] as { count: number }).count += 1;
    this.#ids.set(id, at);
  }

  /** The other answers' values, with the sample's own answer (if it was added) left out. */
  othersOf(id: string): { readonly values: readonly { readonly answer: ExtractedAnswer; readonly count: number }[]; readonly unreadable: number } {
    const own = this.#ids.get(id);
    return {
      values: this.#values.map((v, i) => ({ answer: v.answer, count: v.count - (own === i ? 1 : 0) })).filter((v) => v.count > 0),
      unreadable: this.#unreadable - (own === -1 ? 1 : 0),
    };
  }
}

export function agreementCheck(sample: Sample, answer: string, group: AnswerGroup | undefined): CheckResult {
  if (sample.strategy !== 'new-question') return { check: CHECK, status: 'n/a', detail: 'checked against the seed instead (see gold-match)' };
  const others = group?.othersOf(sample.id) ?? { values: [], unreadable: 0 };
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
