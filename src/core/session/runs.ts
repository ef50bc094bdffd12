// Starting and ending a run in the order the budget needs: the run-start (with its limits) is
// durable before the ledger lets any attempt use a raised limit.
import type { BudgetLedger } from '../budget/ledger.ts';
import type { RunEndEvent, RunStartEvent } from '../journal/events.ts';
import type { JournalSink } from '../journal/sink.ts';

export async function beginRun(ledger: BudgetLedger, journal: JournalSink, start: RunStartEvent): Promise<void> {
  await journal.append(start, { durable: true });
  ledger.raiseLimits(start.limits);
}

export async function endRun(journal: JournalSink, end: RunEndEvent): Promise<void> {
  await journal.append(end, { durable: true });
}
