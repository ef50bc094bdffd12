// What the recommendation card offers. Auto already follows the recommendation, so an Apply
// there would only pin today's choice silently; elsewhere the button says what it changes.
import { STRATEGY_NAMES, type StrategyChoice, type StrategyId } from '../src/shared/protocol.ts';

export type ApplyOffer =
  | { readonly kind: 'auto-follows'; readonly text: string }
  | { readonly kind: 'switch'; readonly label: string; readonly title: string };

export function applyOffer(choice: StrategyChoice, recommended: StrategyId): ApplyOffer | null {
  const name = STRATEGY_NAMES[recommended];
  if (choice === 'auto') return { kind: 'auto-follows', text: `Strategy is Auto: runs use ${name}, the recommendation, and follow it when the budget or the seeds change.` };
  if (choice === recommended) return null;
  return {
    kind: 'switch',
    label: `Switch to ${name}`,
    title: `Sets the strategy (seedsmith.generation.strategy) from ${STRATEGY_NAMES[choice]} to ${name} for the next runs; no query is sent.`,
  };
}
