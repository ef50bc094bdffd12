// A live ledger from a journal's totals: what a reopened session starts from. Reserves the
// journal never saw settled (the process died while they were out) become uncertain spend, so a
// crash can only ever make the ledger more careful, never give budget back.
import type { SessionState } from '../journal/state.ts';
import { BudgetLedger } from './ledger.ts';

export function ledgerFromState(state: SessionState): BudgetLedger {
  const { teacher, augmenter } = state.budget;
  return new BudgetLedger({
    teacher: { limit: teacher.limit, completed: teacher.completed, uncertain: teacher.uncertain + teacher.unsettled, released: teacher.released },
    augmenter: { limit: augmenter.limit, completed: augmenter.completed, uncertain: augmenter.uncertain + augmenter.unsettled, released: augmenter.released },
  });
}
