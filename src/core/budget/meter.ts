// The AttemptMeter the chat client reports every HTTP attempt to. It joins the live ledger (may
// this be sent?) and the journal (what was sent, durably), in the order that keeps the budget
// exact across crashes:
//   before: reserve in the ledger → durable `reserve` event → the request may go out.
//   after:  durable `settle` event → settle in the ledger → tell the listener.
//   (A completed settle need not be durable first, and with deferCompleted it is not written
//   here at all: the caller puts it on the completion line, saving an append per purchase.)
// The settle is written before the ledger frees a released slot: otherwise another attempt
// could take the slot, and a crash before the settle reached the disk would leave a journal
// showing both as spent, past the limit.
import type { CompletedSettle } from '../journal/events.ts';
import type { JournalSink } from '../journal/sink.ts';
import type { AttemptMeter, AttemptOutcome, ModelRole } from '../model/chat.ts';
import { BudgetExhaustedError } from '../model/errors.ts';
import type { BudgetLedger, LedgerSnapshot } from './ledger.ts';

export interface MeterOptions {
  /** Called after each settle is in the journal and the ledger (spend may have changed). */
  readonly onChange?: (snapshot: LedgerSnapshot) => void;
  /** ISO timestamp source; injectable for tests. */
  readonly now?: () => string;
  /**
   * When given, a completed attempt's settle is not appended here but handed to this function,
   * whose caller must journal it: on the completion it bought (one append instead of two), or
   * on a settle line of its own if no completion follows. Safe because a completed settle never
   * had to be on disk before the ledger moves: it frees no slot, and lost it reads as spent.
   */
  readonly deferCompleted?: (settle: CompletedSettle) => void;
}

/**
 * One meter per chat call: its attempts (the first try and the SDK's retries) run one after
 * another, which is how afterAttempt knows which attempt it settles. `ids` makes attempt ids
 * that are unique within the session (journal lines are matched by them).
 */
export function createMeter(ledger: BudgetLedger, journal: JournalSink, role: ModelRole, runId: string, ids: () => string, options: MeterOptions = {}): AttemptMeter {
  const now = options.now ?? (() => new Date().toISOString());
  let open: string | null = null;

  return {
    async beforeAttempt(): Promise<void> {
      if (open !== null) throw new Error(`beforeAttempt while attempt ${open} is still open: the meter is per call, its attempts are sequential.`);
      const attemptId = ids();
      if (!ledger.tryReserve(role, attemptId)) throw new BudgetExhaustedError(role, ledger.role(role).limit);
      open = attemptId;
      try {
        await journal.append({ type: 'reserve', at: now(), attemptId, role, runId }, { durable: true });
      } catch (err) {
        // Not sent, so not spent. If part of the line reached the disk anyway, a reopened
        // session counts it as spent: wrong by being careful.
        ledger.cancel(attemptId);
        open = null;
        throw err;
      }
    },

    async afterAttempt(outcome: AttemptOutcome): Promise<void> {
      const attemptId = open;
      if (attemptId === null) throw new Error('afterAttempt without a reserved attempt.');
      open = null;
      if (outcome.kind === 'completed' && options.deferCompleted) {
        ledger.settle(attemptId, outcome);
        options.deferCompleted({ attemptId, outcome });
        options.onChange?.(ledger.snapshot());
        return;
      }
      try {
        // Only a release must be on disk before the slot is freed: a lost completed/uncertain
        // settle leaves its reserve unsettled, which a reopened session counts as spent anyway.
        await journal.append({ type: 'settle', at: now(), attemptId, role, outcome }, { durable: outcome.kind === 'released' });
      } catch (err) {
        // The journal still shows the reserve unsettled, i.e. spent: mirror that in the ledger
        // rather than freeing a slot the journal does not know is free.
        ledger.settle(attemptId, outcome.kind === 'released' ? { kind: 'uncertain', reason: 'aborted' } : outcome);
        throw err;
      }
      ledger.settle(attemptId, outcome);
      options.onChange?.(ledger.snapshot());
    },
  };
}

/** Attempt ids `<prefix>.<n>`: unique in a session as long as the prefix (e.g. the run id) is. */
export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}.${++n}`;
}
