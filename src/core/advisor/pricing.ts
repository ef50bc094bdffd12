// Money from tokens, with prices the user gives: SeedSmith keeps no price table (prices change,
// and endpoints differ). A model without a price gets no number, and the estimate says which
// model is missing one rather than guessing. The one place money is computed from tokens.
import type { CallRecord, Sample } from '../samples/sample.ts';

export interface ModelPrice {
  /** Price of one million input (prompt) tokens, in the user's currency. */
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** Model id → price, as the user wrote it. */
export type Pricing = Readonly<Record<string, ModelPrice>>;

export type CostEstimate =
  | { readonly priced: true; readonly low: number; readonly high: number }
  | { readonly priced: false; readonly missing: readonly string[]; readonly message: string };

export interface TokenRange {
  readonly low: number;
  readonly high: number;
}

/** One model's share of a bill. */
export interface CostPart {
  readonly role: 'teacher' | 'augmenter';
  /** '' when the caller named no model for the role. */
  readonly model: string;
  readonly inputTokens: TokenRange;
  readonly outputTokens: TokenRange;
}

export function priceOf(pricing: Pricing, model: string): ModelPrice | undefined {
  return model !== '' && Object.hasOwn(pricing, model) ? pricing[model] : undefined;
}

export function costOf(parts: readonly CostPart[], pricing: Pricing): CostEstimate {
  const missing: string[] = [];
  let low = 0;
  let high = 0;
  for (const part of parts) {
    const price = priceOf(pricing, part.model);
    if (price === undefined) {
      const name = part.model === '' ? `the ${part.role} model (none named)` : part.model;
      if (!missing.includes(name)) missing.push(name);
      continue;
    }
    low += tokensCost(part.inputTokens.low, part.outputTokens.low, price);
    high += tokensCost(part.inputTokens.high, part.outputTokens.high, price);
  }
  if (missing.length > 0) return { priced: false, missing, message: `no price set for ${missing.join(', ')}` };
  return { priced: true, low, high };
}

/** What input and output tokens cost at a model's price. */
export function tokensCost(inputTokens: number, outputTokens: number, price: ModelPrice): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

/** The model a sample's call went to: its teacher, or its augmenter ('' when not recorded). */
export function modelOfCall(sample: Sample, call: CallRecord): string {
  return call.role === 'teacher' ? sample.teacher.model : (sample.augmenter?.model ?? '');
}
