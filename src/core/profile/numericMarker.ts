// Which final-answer marker an answer uses. The same precedence as finalAnswerOf (the strategies'
// one definition of "the final answer"), so the marker named here is the one that will be read.
import { finalAnswerOf } from '../strategies/parseAnswer.ts';
import type { NumericMarker } from './types.ts';

const HASH_LINE = /^[^\S\n]*####[^\S\n]*\S/m;

/** The marker of a marked final answer, or null when the text commits to none. */
export function markerOf(text: string): Exclude<NumericMarker, 'none'> | null {
  if (finalAnswerOf(text) === null) return null;
  if (HASH_LINE.test(text)) return '####';
  if (text.includes('\\boxed{')) return '\\boxed{}';
  return 'The answer is';
}
