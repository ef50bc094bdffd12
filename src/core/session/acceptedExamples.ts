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

/** The session's accepted samples, in the order they were first decided. */
export function acceptedSampleIds(state: SessionState): string[] {
  const ids: string[] = [];
  for (const [id, review] of state.reviews) if (review.state === 'accepted') ids.push(id);
  return ids;
}

/**
 * The accepted samples a New Question run names in its run-start: only those its calls show
 * (`shown`: how many of the first, see acceptedExamplesShown), not every accepted sample, which
 * grew every run-start with the session. A continued run re-plans with exactly these.
 */
export function shownExampleIds(acceptedIds: readonly string[], shown: (accepted: number) => number): readonly string[] {
  return acceptedIds.length === 0 ? acceptedIds : acceptedIds.slice(0, shown(acceptedIds.length));
}
