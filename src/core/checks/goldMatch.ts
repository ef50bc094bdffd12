// gold-match (answer augmentation, question rephrase): the sample's final answer against the
// seed's gold answer. Both strategies keep the seed's meaning, so the answer must not change;
// this is the rejection-sampling filter of RFT and MetaMath.
import type { Sample } from '../samples/sample.ts';
import { compareAnswers, extractAnswer, goldAnswer, showValue } from './answerValue.ts';
import type { SeedLookup } from './seedLookup.ts';
import type { CheckResult } from './types.ts';

const CHECK = 'gold-match';

export function goldMatchCheck(sample: Sample, answer: string, seeds: SeedLookup | null): CheckResult {
  if (sample.strategy === 'new-question') return { check: CHECK, status: 'n/a', detail: 'a new question has no gold answer (see agreement)' };
  if (seeds === null) return { check: CHECK, status: 'n/a', detail: 'no seeds given to compare with' };
  const source = seeds.sourceOf(sample);
  if ('missing' in source) return { check: CHECK, status: 'n/a', detail: source.missing };
  const where = `seed line ${source.seed.line}`;
  const gold = goldAnswer(source.seed.answer);
  if (gold === null) return { check: CHECK, status: 'n/a', detail: `the answer on ${where} has no final answer to compare with` };
  // Guessing "the last number" is only fair when the gold answer is a number.
  const got = extractAnswer(answer, { lastNumber: gold.value.kind === 'number' });
  const answers = { expected: gold.raw, got: got?.raw ?? null };
  if (got === null) return { check: CHECK, status: 'warn', detail: `not comparable: the answer states no final answer (${where} says ${showValue(gold.value)})`, answers };
  const guessed = got.how === 'last-number' ? ' (no final answer line; its last number was used)' : '';
  switch (compareAnswers(gold.value, got.value)) {
    case 'match':
      return { check: CHECK, status: 'pass', detail: `matches ${where}: ${showValue(got.value)}${guessed}`, answers };
    case 'mismatch':
      return { check: CHECK, status: 'fail', detail: `mismatch: the answer says ${showValue(got.value)}, ${where} says ${showValue(gold.value)}${guessed}`, answers };
    case 'not-comparable':
      return { check: CHECK, status: 'warn', detail: `not comparable: the answer says ${showValue(got.value)}, ${where} says ${showValue(gold.value)}`, answers };
  }
}
