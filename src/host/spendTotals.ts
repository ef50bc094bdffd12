// Tokens and money of a session, from the usage of every bought call in its samples' lineage.
// Money only when the person set prices for the models used (no built-in price table to go stale).
import type { SessionState } from '../core/journal/state.ts';
import type { ModelPrice } from './settings.ts';

export interface SpendTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** null when some model used has no price set. */
  readonly money: number | null;
}

export function spendTotals(state: SessionState, pricing: Readonly<Record<string, ModelPrice>>): SpendTotals {
  let promptTokens = 0;
  let completionTokens = 0;
  let money = 0;
  let priced = true;
  for (const sample of state.samples.values()) {
    for (const call of sample.calls) {
      if (!call.bought) continue;
      promptTokens += call.usage.promptTokens;
      completionTokens += call.usage.completionTokens;
      const model = call.role === 'teacher' ? sample.teacher.model : (sample.augmenter?.model ?? sample.teacher.model);
      const price = pricing[model];
      if (!price) priced = false;
      else money += (call.usage.promptTokens * price.inputPerMillion + call.usage.completionTokens * price.outputPerMillion) / 1_000_000;
    }
  }
  return { promptTokens, completionTokens, money: priced && state.samples.size > 0 ? money : priced ? 0 : null };
}
