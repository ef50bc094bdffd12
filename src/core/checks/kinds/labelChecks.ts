// label: the answer must be one of the seeds' labels, exactly as written (a student learns the
// exact string), and for a sample that keeps the seed's meaning, the seed's own label.
import type { AnswerProfile } from '../../profile/types.ts';
import { noGoldReason, notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

/** Case, surrounding quotes and final punctuation: what a label may differ in and still mean the same. */
function loose(label: string): string {
  return label.trim().toLowerCase().replace(/^["'`]+|["'`.!]+$/g, '').trim();
}

export function labelInSetCheck({ answer }: KindCheckInput, profile: Pick<AnswerProfile, 'labels'>): KindCheckResult {
  const check = 'label-in-set';
  const labels = profile.labels;
  if (!labels || labels.length === 0) return notApplicable(check, 'the seeds give no closed set of labels');
  const got = answer.trim();
  if (labels.includes(got)) return { check, status: 'pass', detail: `"${got}" is one of the ${labels.length} labels` };
  const near = labels.find((label) => loose(label) === loose(got));
  if (near !== undefined) return { check, status: 'warn', detail: `"${shorten(got)}" is written differently from the label "${near}"` };
  return { check, status: 'fail', detail: `"${shorten(got)}" is not one of the labels ${labels.slice(0, 8).map((l) => `"${l}"`).join(', ')}${labels.length > 8 ? ', …' : ''}` };
}

export function labelGoldCheck(input: KindCheckInput): KindCheckResult {
  const check = 'label-gold';
  const { answer, gold } = input;
  if (gold === undefined) return notApplicable(check, noGoldReason(input));
  const got = answer.trim();
  const expected = gold.trim();
  // The one right answer: equal to the gold is correct, never a duplicate.
  if (got === expected) return { check, status: 'pass', detail: `"${expected}", the seed's label` };
  if (loose(got) === loose(expected)) return { check, status: 'warn', detail: `"${shorten(got)}" is the seed's label "${expected}" written differently` };
  return { check, status: 'fail', detail: `"${shorten(got)}", the seed's label is "${expected}"` };
}

export function labelChecks(input: KindCheckInput, profile: Pick<AnswerProfile, 'labels'>): KindCheckResult[] {
  return [labelInSetCheck(input, profile), labelGoldCheck(input)];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
