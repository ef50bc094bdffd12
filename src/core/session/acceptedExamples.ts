// The accepted samples New Question shows its calls, as the person left them (their edits
// included), read from the session by id. Used by the live engine and by batch runs alike.
import type { SessionState } from '../journal/state.ts';
import type { AcceptedExample } from '../strategies/strategy.ts';

/** The samples named by `ids`, in that order; an id the session does not hold is left out. */
export function acceptedExamplesOf(state: SessionState, ids: readonly string[]): AcceptedExample[] {
  const examples: AcceptedExample[] = [];
  for (const id of ids) {
    const sample = state.samples.get(id);
    if (!sample) continue;
    const review = state.reviews.get(id);
    examples.push({ id, question: review?.edited?.question ?? sample.question, answer: review?.edited?.answer ?? sample.answer });
  }
  return examples;
}
