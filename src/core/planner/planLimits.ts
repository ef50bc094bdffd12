// Limits as whole, non-negative numbers. A non-finite limit is a caller bug, not "unlimited":
// a plan must be finite, and the budget is what users pay.
import type { PlanLimits } from '../strategies/strategy.ts';

export function normalizeLimits(limits: PlanLimits): PlanLimits {
  return { teacherQueries: whole(limits.teacherQueries, 'teacherQueries'), augmenterCalls: whole(limits.augmenterCalls, 'augmenterCalls') };
}

function whole(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`Plan limit ${name} must be a finite number, got ${value}.`);
  return Math.max(0, Math.floor(value));
}
