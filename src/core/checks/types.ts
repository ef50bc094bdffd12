// What an automatic check says about one sample. The editor and the CLI show these as they are;
// the review policy and the statistics read the status only. A check never deletes or decides by
// itself: auto-rejection is a separate, opt-in policy (autoReject.ts).

import type { KindCheckId } from './kinds/types.ts';

export type CheckId = 'gold-match' | 'agreement' | 'duplicate' | 'refusal' | 'empty' | 'truncated' | 'length' | 'scaffolding-leak' | 'self-check' | KindCheckId;

/**
 * The checks of the answer's kind (checks/kinds), shown after gold-match: a sample gets those of
 * its seed file's kind only. numeric-gold is not among them: gold-match is the numeric gold
 * check, as it always was.
 */
export const KIND_CHECK_IDS: readonly Exclude<KindCheckId, 'numeric-gold'>[] = [
  'numeric-marker',
  'label-in-set',
  'label-gold',
  'json-parses',
  'json-schema',
  'json-gold',
  'sql-parses',
  'sql-execution',
  'code-block',
  'code-language',
  'text-length',
  'text-copy',
];

/** In the order they are shown. */
export const CHECK_IDS: readonly CheckId[] = ['gold-match', ...KIND_CHECK_IDS, 'agreement', 'duplicate', 'refusal', 'empty', 'truncated', 'length', 'scaffolding-leak', 'self-check'];

/**
 * - pass: checked and fine
 * - fail: checked and wrong (the only status auto-rejection acts on)
 * - warn: worth a look, or could not be decided (e.g. no final answer to compare)
 * - n/a: does not apply to this sample (e.g. gold-match for a new question)
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'n/a';

export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'n/a'];

/** An item a sample was compared with: a seed line or another sample. */
export type ItemRef = { readonly kind: 'seed'; readonly line: number } | { readonly kind: 'sample'; readonly id: string };

export interface CheckResult {
  readonly check: CheckId;
  readonly status: CheckStatus;
  /** One sentence for a person. */
  readonly detail: string;
  /** duplicate: the most similar item found and its ROUGE-L F (1 for an exact duplicate). */
  readonly nearest?: { readonly item: ItemRef; readonly score: number; readonly exact: boolean };
  /** gold-match / agreement: the final answers compared, as extracted. */
  readonly answers?: { readonly expected: string | null; readonly got: string | null };
}

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}

export function describeItem(item: ItemRef): string {
  return item.kind === 'seed' ? `seed line ${item.line}` : `sample ${item.id}`;
}
