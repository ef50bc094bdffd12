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

/** An append whose write has not been applied yet, in append order. */
interface Unapplied {
  readonly event: JournalEvent;
  /** undefined while the sink has not answered. */
  outcome: { readonly ok: true } | { readonly ok: false; readonly error: unknown } | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export function createLiveJournal(sink: JournalSink, state: SessionState): LiveJournal {
  const listeners = new Set<JournalListener>();
  // Appends in order. Each is applied (or rejected) once its own write has answered and every
  // earlier one has been dealt with, so the state sees events in append order even if a sink
  // resolved them out of order. A queue rather than a chain of promises: the chain cost four or
  // five promise reactions per append, and there are several appends per sample.
  const unapplied: Unapplied[] = [];

  const applyReady = (): void => {
    while (unapplied.length > 0 && unapplied[0]!.outcome !== undefined) {
      const next = unapplied.shift()!;
      const outcome = next.outcome!;
      if (!outcome.ok) {
        next.reject(outcome.error);
        continue;
      }
      try {
        applyEvent(state, next.event);
      } catch (error) {
        next.reject(error);
        continue;
      }
      for (const listener of listeners) {
        try {
          listener(next.event, state);
        } catch {
          // A view's bug must not fail the append that the journal already holds.
        }
      }
      next.resolve();
    }
  };

  return {
    state,
    append(event: JournalEvent, opts?: AppendOptions): Promise<void> {
      const written = sink.append(event, opts);
      return new Promise<void>((resolve, reject) => {
        const entry: Unapplied = { event, outcome: undefined, resolve, reject };
        unapplied.push(entry);
        written.then(
          () => {
            entry.outcome = { ok: true };
            applyReady();
          },
          (error: unknown) => {
            entry.outcome = { ok: false, error };
            applyReady();
          },
        );
      });
    },
    close: () => sink.close(),
    subscribe(listener: JournalListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
