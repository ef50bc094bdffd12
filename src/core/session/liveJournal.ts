// A JournalSink that also keeps a SessionState current: each event is applied once its append
// has resolved (durable ones once fsync'd), in the order the appends were made. So whatever the
// state shows — spend, samples, decisions — is already in the journal.
import type { JournalEvent } from '../journal/events.ts';
import { applyEvent } from '../journal/reduce.ts';
import type { AppendOptions, JournalSink } from '../journal/sink.ts';
import type { SessionState } from '../journal/state.ts';

export type JournalListener = (event: JournalEvent, state: SessionState) => void;

export interface LiveJournal extends JournalSink {
  readonly state: SessionState;
  /** Called after each event is applied. Returns a function that unsubscribes. */
  subscribe(listener: JournalListener): () => void;
}

export function createLiveJournal(sink: JournalSink, state: SessionState): LiveJournal {
  const listeners = new Set<JournalListener>();
  // The previous append's application: each one waits for it, so the state sees events in
  // append order even if a sink resolved them out of order.
  let applied: Promise<void> = Promise.resolve();

  return {
    state,
    append(event: JournalEvent, opts?: AppendOptions): Promise<void> {
      const written = sink.append(event, opts);
      const done = applied.then(() => written).then(() => {
        applyEvent(state, event);
        for (const listener of listeners) {
          try {
            listener(event, state);
          } catch {
            // A view's bug must not fail the append that the journal already holds.
          }
        }
      });
      applied = done.catch(() => undefined);
      return done;
    },
    close: () => sink.close(),
    subscribe(listener: JournalListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
