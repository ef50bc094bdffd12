// numeric: today's gold match (the final answer against the seed's, as numbers where both are),
// and whether the answer states it with the seeds' own marker, which the student will learn.
import type { AnswerProfile } from '../../profile/types.ts';
import { markerOf } from '../../profile/numericMarker.ts';
import { compareAnswers, extractAnswer, goldAnswer, showValue } from '../answerValue.ts';
import { noGoldReason, notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

export function numericGoldCheck(input: KindCheckInput): KindCheckResult {
  const check = 'numeric-gold';
  const { answer, gold } = input;
  if (gold === undefined) return notApplicable(check, noGoldReason(input));
  const expected = goldAnswer(gold);
  if (expected === null) return notApplicable(check, "the seed's answer has no final answer to compare with");
  const got = extractAnswer(answer, { lastNumber: expected.value.kind === 'number' });
  if (got === null) return { check, status: 'warn', detail: `not comparable: the answer states no final answer (the seed says ${showValue(expected.value)})` };
  const guessed = got.how === 'last-number' ? ' (no final answer line; its last number was used)' : '';
  switch (compareAnswers(expected.value, got.value)) {
    case 'match':
      return { check, status: 'pass', detail: `matches the seed: ${showValue(got.value)}${guessed}` };
    case 'mismatch':
      return { check, status: 'fail', detail: `the answer says ${showValue(got.value)}, the seed says ${showValue(expected.value)}${guessed}` };
    case 'not-comparable':
      return { check, status: 'warn', detail: `not comparable: the answer says ${showValue(got.value)}, the seed says ${showValue(expected.value)}` };
  }
}

export function numericMarkerCheck({ answer }: KindCheckInput, profile: Pick<AnswerProfile, 'marker'>): KindCheckResult {
  const check = 'numeric-marker';
  const wanted = profile.marker;
  if (wanted === undefined || wanted === 'none') return notApplicable(check, 'the seeds give bare numbers, with no final-answer marker');
  const used = markerOf(answer);
  if (used === wanted) return { check, status: 'pass', detail: `final answer after ${wanted}, as in the seeds` };
  if (used === null) return { check, status: 'fail', detail: `no final answer after ${wanted}, the seeds' marker` };
  return { check, status: 'warn', detail: `final answer after ${used}; the seeds use ${wanted}` };
}

export function numericChecks(input: KindCheckInput, profile: Pick<AnswerProfile, 'marker'>): KindCheckResult[] {
  return [numericGoldCheck(input), numericMarkerCheck(input, profile)];
}
