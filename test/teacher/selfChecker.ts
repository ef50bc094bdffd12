// The augmenter's self-check of a candidate question: is it answerable, is it well formed.
// Rules are simple and documented (README.md) so engine tests can build both outcomes on purpose.
import { numbersIn } from './text.ts';

export interface SelfCheck {
  answerable: boolean;
  well_formed: boolean;
  reason: string;
}

/** Prompt scaffolding that must not leak into a question. */
const SCAFFOLDING = /(^|\n)\s*(Question|Answer|Task|Count):|####/i;

export function selfCheck(question: string, known: boolean): SelfCheck {
  const q = question.trim();
  const hasNumbers = numbersIn(q).length > 0;
  const asks = /\?\s*$/.test(q) || /^(Find|Calculate|Compute|Determine|Work out)\b/i.test(q);
  const answerable = known || hasNumbers;
  const wellFormed = q.length >= 15 && q.length <= 1000 && asks && !SCAFFOLDING.test(q);
  const reasons: string[] = [];
  reasons.push(answerable ? 'The question gives the quantities needed to compute an answer.' : 'The question gives no quantities to compute from.');
  if (!wellFormed) {
    if (q.length < 15) reasons.push('It is too short to be a complete problem.');
    else if (q.length > 1000) reasons.push('It is too long for a single problem.');
    if (!asks) reasons.push('It does not end by asking for anything.');
    if (SCAFFOLDING.test(q)) reasons.push('It contains prompt scaffolding.');
  } else {
    reasons.push('It is a single clear question.');
  }
  return { answerable, well_formed: wellFormed, reason: reasons.join(' ') };
}
