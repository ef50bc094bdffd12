// The editor's undo history, rebuilt from the journal: every decision made in the editor, with
// the review it replaced, minus the ones already undone. So Undo still works after a reload or
// a restart, not only within one window's memory.
import type { DecisionEvent } from '../journal/events.ts';
import { reviewAfter } from '../journal/reduce.ts';
import { PENDING_REVIEW, type SampleReview, type SessionState } from '../journal/state.ts';

export const EDITOR_SOURCE = 'editor';
export const EDITOR_UNDO_SOURCE = 'editor-undo';

export interface UndoEntry {
  readonly sampleId: string;
  /** The review the decision replaced: what Undo restores. */
  readonly previous: SampleReview;
}

export function undoStackFrom(state: SessionState): UndoEntry[] {
  const steps: { at: string; order: number; event: DecisionEvent; previous: SampleReview }[] = [];
  let order = 0;
  for (const [, events] of state.history) {
    let previous: SampleReview = PENDING_REVIEW;
    for (const event of events) {
      steps.push({ at: event.at, order: order++, event, previous });
      previous = reviewAfter(event);
    }
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  const stack: UndoEntry[] = [];
  for (const { event, previous } of steps) {
    if (event.source === EDITOR_SOURCE) stack.push({ sampleId: event.sampleId, previous });
    else if (event.source === EDITOR_UNDO_SOURCE) {
      const index = stack.map((entry) => entry.sampleId).lastIndexOf(event.sampleId);
      if (index >= 0) stack.splice(index, 1);
    }
  }
  return stack;
}
