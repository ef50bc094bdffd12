// Checks per answer kind (issue 10): each returns named results, each pass / fail / warn / n/a
// with one sentence, and "n/a, because …" whenever it cannot honestly decide. They inform the
// person reviewing (method.md: on Spider, checking against ground truth gained little over more
// data); they do not decide.
import type { CheckStatus } from '../types.ts';

export type KindCheckId =
  | 'numeric-gold'
  | 'numeric-marker'
  | 'label-in-set'
  | 'label-gold'
  | 'json-parses'
  | 'json-schema'
  | 'json-gold'
  | 'sql-parses'
  | 'sql-execution'
  | 'code-block'
  | 'code-language'
  | 'text-length'
  | 'text-copy';

export interface KindCheckResult {
  readonly check: KindCheckId;
  readonly status: CheckStatus;
  /** One sentence for a person. */
  readonly detail: string;
}

export interface KindCheckInput {
  /** The generated answer, as it would be exported. */
  readonly answer: string;
  /**
   * The seed's gold answer when the sample keeps the seed's meaning (answer augmentation,
   * question rephrase); undefined for a new question, which has none.
   */
  readonly gold?: string;
  /** Why there is no gold when `gold` is undefined (default: a new question has none). */
  readonly noGold?: string;
}

export function notApplicable(check: KindCheckId, because: string): KindCheckResult {
  return { check, status: 'n/a', detail: `n/a, because ${because}` };
}

export const NO_GOLD = 'a new question has no gold answer';

/** The reason a check without a gold answer gives. */
export function noGoldReason(input: Pick<KindCheckInput, 'noGold'>): string {
  return input.noGold ?? NO_GOLD;
}
