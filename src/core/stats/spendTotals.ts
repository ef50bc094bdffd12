// Tokens and money of a session, from the usage of every bought call in its samples' lineage.
// Money only when the person set prices for the models used (no built-in price table to go stale).
import { modelOfCall, priceOf, tokensCost, type Pricing } from '../advisor/pricing.ts';
import type { SessionState } from '../journal/state.ts';

export interface SpendTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** null when some model used has no price set. */
  readonly money: number | null;
}

export function spendTotals(state: SessionState, pricing: Pricing): SpendTotals {
  let promptTokens = 0;
  let completionTokens = 0;
  let money = 0;
  let priced = true;
  for (const sample of state.samples.values()) {
    for (const call of sample.calls) {
      if (!call.bought) continue;
      promptTokens += call.usage.promptTokens;
      completionTokens += call.usage.completionTokens;
      const price = priceOf(pricing, modelOfCall(sample, call));
      if (price === undefined) priced = false;
      else money += tokensCost(call.usage.promptTokens, call.usage.completionTokens, price);
    }
  }
  return { promptTokens, completionTokens, money: priced ? money : null };
}
