// text: free answers cannot be matched, so two things are checked: the length is in the range of
// the seeds' answers (same factors as the question length check), and a sample that keeps the
// seed's question does not just copy the seed's answer (ROUGE-L F above 0.7, Self-Instruct's rule).
import type { AnswerProfile } from '../../profile/types.ts';
import { LcsMatcher, rougeLFromLcs } from '../rougeL.ts';
import { tokenize } from '../tokens.ts';
import { noGoldReason, notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

export interface TextCheckOptions {
  /** Outside [shortest ÷ f, longest × f] warns (default 1.5)… */
  readonly warnFactor?: number;
  /** …and outside [shortest ÷ f, longest × f] fails (default 3). */
  readonly failFactor?: number;
  /** ROUGE-L F above which the answer is a near-copy of the seed's (default 0.7). */
  readonly copyThreshold?: number;
}

export function textLengthCheck({ answer }: KindCheckInput, profile: Pick<AnswerProfile, 'lengthRange'>, options: TextCheckOptions = {}): KindCheckResult {
  const check = 'text-length';
  const range = profile.lengthRange;
  if (!range) return notApplicable(check, 'no seed answers to measure');
  const warn = options.warnFactor ?? 1.5;
  const fail = options.failFactor ?? 3;
  const n = tokenize(answer).length;
  const seeds = `the seeds' answers have ${range.min}–${range.max} words`;
  if (n < range.min / fail || n === 0) return { check, status: 'fail', detail: `too short: ${n} words; ${seeds}` };
  if (n > range.max * fail) return { check, status: 'fail', detail: `too long: ${n} words; ${seeds}` };
  if (n < range.min / warn) return { check, status: 'warn', detail: `short: ${n} words; ${seeds}` };
  if (n > range.max * warn) return { check, status: 'warn', detail: `long: ${n} words; ${seeds}` };
  return { check, status: 'pass', detail: `${n} words; ${seeds}` };
}

export function textCopyCheck(input: KindCheckInput, options: TextCheckOptions = {}): KindCheckResult {
  const check = 'text-copy';
  const { answer, gold } = input;
  if (gold === undefined) return notApplicable(check, noGoldReason(input));
  const threshold = options.copyThreshold ?? 0.7;
  const { f, atMost } = rougeLF(tokenize(gold), tokenize(answer), threshold);
  const score = f.toFixed(2);
  if (f >= 1) return { check, status: 'fail', detail: "a copy of the seed's answer" };
  if (f > threshold) return { check, status: 'fail', detail: `a near-copy of the seed's answer (ROUGE-L F ${score} > ${threshold})` };
  return { check, status: 'pass', detail: `its own wording (ROUGE-L F ${atMost ? 'at most ' : ''}${score} against the seed's answer)` };
}

/**
 * ROUGE-L F, bit-parallel (long answers compared with long golds stay fast); not computed when the
 * lengths alone keep it at or below the threshold (F ≤ 2·min / (|a| + |b|)): then the bound is given.
 */
function rougeLF(reference: readonly string[], candidate: readonly string[], threshold: number): { readonly f: number; readonly atMost: boolean } {
  const total = reference.length + candidate.length;
  const bound = total === 0 ? 0 : (2 * Math.min(reference.length, candidate.length)) / total;
  if (bound <= threshold) return { f: bound, atMost: true };
  const ids = new Map<string, number>();
  const idsOf = (tokens: readonly string[]) =>
    tokens.map((token) => {
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      return id;
    });
  const matcher = new LcsMatcher(idsOf(reference));
  return { f: rougeLFromLcs(matcher.lcs(idsOf(candidate)), reference.length, candidate.length).f, atMost: false };
}

export function textChecks(input: KindCheckInput, profile: Pick<AnswerProfile, 'lengthRange'>, options: TextCheckOptions = {}): KindCheckResult[] {
  return [textLengthCheck(input, profile, options), textCopyCheck(input, options)];
}
