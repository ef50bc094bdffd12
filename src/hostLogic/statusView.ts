// What the status bar shows: spend against the limits in force, tokens and money, review
// progress, and the estimate of the plan the next run would carry out. Plain logic, so the
// numbers are tested without an editor; statusBar.ts only puts them into words.
import type { Pricing } from '../core/advisor/pricing.ts';
import { limitForNextRun } from '../core/budget/limit.ts';
import { batchesInFlight } from '../core/journal/batchState.ts';
import type { SessionState } from '../core/journal/state.ts';
import { spendTotals } from '../core/stats/spendTotals.ts';
import type { EstimateView, StrategyChoice, StrategyId } from '../shared/protocol.ts';

export interface SpendView {
  readonly spent: number;
  readonly limit: number;
  readonly reviewed: number;
  readonly samples: number;
  readonly augmenterSpent: number;
  readonly augmenterLimit: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Money spent, when prices are set for the models used; null otherwise. */
  readonly money: number | null;
  readonly running: boolean;
  /** What the chosen strategy's plan spends, from the advisor's estimate (null before there is one). */
  readonly estimate: { readonly strategy: string; readonly teacherQueries: number; readonly augmenterCalls: number } | null;
  /** Batches of the session still out at a batch engine (a `generate --batch` or an exported file), null when none. */
  readonly batches: { readonly inFlight: number; readonly lines: number; readonly expiresAt: string | null } | null;
}

export interface StatusInputs {
  readonly session: SessionState;
  readonly settings: { readonly teacherLimit: number; readonly augmenterLimit: number; readonly strategy: StrategyChoice; readonly pricing: Pricing };
  readonly running: boolean;
  readonly advisor: { readonly recommendation: { readonly strategy: StrategyId } | null; readonly estimates: readonly EstimateView[] };
}

export function statusView(inputs: StatusInputs): SpendView {
  const { session, settings } = inputs;
  const totals = spendTotals(session, settings.pricing);
  const { teacher, augmenter } = session.budget;
  return {
    spent: teacher.spent,
    limit: limitForNextRun(settings.teacherLimit, teacher.limit),
    reviewed: session.counts.accepted + session.counts.rejected,
    samples: session.counts.total,
    augmenterSpent: augmenter.spent,
    augmenterLimit: limitForNextRun(settings.augmenterLimit, augmenter.limit),
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    money: totals.money,
    running: inputs.running,
    estimate: chosenEstimate(settings.strategy, inputs.advisor),
    batches: batchesView(session),
  };
}

/** The session's batches in flight: how many, their lines, and the first expiry the provider gave. */
function batchesView(session: SessionState): SpendView['batches'] {
  const out = batchesInFlight(session.batches);
  if (out.length === 0) return null;
  const expiries = out.map((b) => b.submitted?.expiresAt ?? null).filter((e): e is string => e !== null).sort();
  return { inFlight: out.length, lines: out.reduce((n, b) => n + b.customIds.length, 0), expiresAt: expiries[0] ?? null };
}

/** The estimate of the strategy a run would use: the chosen one, or for `auto` the recommended one (the same rule picks both). */
function chosenEstimate(choice: StrategyChoice, advisor: StatusInputs['advisor']): SpendView['estimate'] {
  const strategy = choice === 'auto' ? advisor.recommendation?.strategy : choice;
  const estimate = advisor.estimates.find((e) => e.strategy === strategy);
  return estimate ? { strategy: estimate.strategy, teacherQueries: estimate.teacherQueries, augmenterCalls: estimate.augmenterCalls } : null;
}
