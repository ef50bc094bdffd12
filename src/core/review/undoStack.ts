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

/** The decision that puts a sample back to the review it had before. */
export function undoDecisionOf(entry: UndoEntry, at: string): DecisionEvent {
  const { previous } = entry;
  const decision = previous.state === 'accepted' ? 'accept' : previous.state === 'rejected' ? 'reject' : 'reset';
  return { type: 'decision', at, sampleId: entry.sampleId, decision, source: EDITOR_UNDO_SOURCE, ...(previous.edited ? { edited: previous.edited } : {}), ...(previous.reason ? { reason: previous.reason } : {}) };
}

/** The editor's undo history of one session: what Undo may take back, newest last. */
export class UndoHistory {
  private readonly entries: UndoEntry[] = [];

  get canUndo(): boolean {
    return this.entries.length > 0;
  }

  /** Starts over with the given history (a session opened, or another one selected). */
  reset(entries: readonly UndoEntry[] = []): void {
    this.entries.splice(0, this.entries.length, ...entries);
  }

  record(entry: UndoEntry): void {
    this.entries.push(entry);
  }

  /**
   * Takes back the newest decision by writing `write(entry)`; returns the sample it restored.
   * The entry leaves the history only once written: a write that throws (the session is not
   * writable, the disk is full) loses nothing, and the person can try again.
   */
  async undo(write: (entry: UndoEntry) => Promise<void>): Promise<string | undefined> {
    const last = this.entries.at(-1);
    if (!last) return undefined;
    await write(last);
    // A decision recorded while the write was pending sits above `last`: remove `last` itself.
    this.entries.splice(this.entries.lastIndexOf(last), 1);
    return last.sampleId;
  }
}
