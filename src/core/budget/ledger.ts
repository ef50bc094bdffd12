// The live budget: synchronous bookkeeping of every HTTP attempt per model role. It is the one
// place that decides whether an attempt may be sent, so the check and the reservation happen in
// the same synchronous step and no amount of concurrency can squeeze an extra request past the
// limit. Durability is not its job: the meter writes the journal around it.
import type { AttemptOutcome, ModelRole } from '../model/chat.ts';
import { budgetLeft, limitInForce, type RoleLimits } from './limit.ts';

export const MODEL_ROLES: readonly ModelRole[] = ['teacher', 'augmenter'];

export interface RoleBudget {
  readonly limit: number;
  /** completed + uncertain: requests that may have been billed. Never goes down. */
  readonly spent: number;
  readonly completed: number;
  /** Sent, fate unknown (timeout, abort, broken stream, or a crash before the settle was written). */
  readonly uncertain: number;
  /** In flight: reserved, not yet settled. */
  readonly reserved: number;
  /** Refused by the endpoint before the model ran: retries, not spend. */
  readonly released: number;
  /** What may still be reserved: limit - spent - reserved, never below 0. */
  readonly remaining: number;
}

export type LedgerSnapshot = Readonly<Record<ModelRole, RoleBudget>>;

/** Totals to start from, e.g. rebuilt from a journal. */
export interface RoleTotalsInit {
  readonly limit: number;
  readonly completed?: number;
  readonly uncertain?: number;
  readonly released?: number;
}

interface RoleCounts {
  limit: number;
  completed: number;
  uncertain: number;
  reserved: number;
  released: number;
}

export class BudgetLedger {
  private readonly roles: Record<ModelRole, RoleCounts>;
  /** attemptId → role, for attempts reserved and not yet settled or cancelled. */
  private readonly inFlight = new Map<string, ModelRole>();

  constructor(init: Readonly<Record<ModelRole, RoleTotalsInit>>) {
    const counts = (role: ModelRole): RoleCounts => {
      const t = init[role];
      return {
        limit: checkCount(t.limit, `${role} limit`),
        completed: checkCount(t.completed ?? 0, `${role} completed`),
        uncertain: checkCount(t.uncertain ?? 0, `${role} uncertain`),
        reserved: 0,
        released: checkCount(t.released ?? 0, `${role} released`),
      };
    };
    this.roles = { teacher: counts('teacher'), augmenter: counts('augmenter') };
  }

  static withLimits(limits: RoleLimits): BudgetLedger {
    return new BudgetLedger({ teacher: { limit: limits.teacher }, augmenter: { limit: limits.augmenter } });
  }

  /**
   * Reserves one attempt if spent + reserved + 1 ≤ limit. A refused reservation changes nothing;
   * the caller must not send the request.
   */
  tryReserve(role: ModelRole, attemptId: string): boolean {
    if (this.inFlight.has(attemptId)) throw new Error(`Attempt ${attemptId} is already reserved.`);
    const r = this.roles[role];
    if (budgetLeft(r.limit, r.completed + r.uncertain, r.reserved) < 1) return false;
    r.reserved += 1;
    this.inFlight.set(attemptId, role);
    return true;
  }

  /** Records the fate of a reserved attempt: completed/uncertain become spend, released frees the slot. */
  settle(attemptId: string, outcome: AttemptOutcome): ModelRole {
    const r = this.take(attemptId);
    const counts = this.roles[r];
    switch (outcome.kind) {
      case 'completed':
        counts.completed += 1;
        break;
      case 'uncertain':
        counts.uncertain += 1;
        break;
      case 'released':
        counts.released += 1;
        break;
      default:
        outcome satisfies never;
        throw new Error(`Unknown attempt outcome ${JSON.stringify(outcome)}.`);
    }
    return r;
  }

  /**
   * Gives a reservation back when its request was never sent (e.g. the reserve could not be
   * written to the journal). Not a retry and not spend.
   */
  cancel(attemptId: string): ModelRole {
    return this.take(attemptId);
  }

  /** Raises limits (a new run with a bigger budget). A lower number is ignored: a session's limit only grows. */
  raiseLimits(limits: Partial<RoleLimits>): void {
    for (const role of MODEL_ROLES) {
      const limit = limits[role];
      if (limit === undefined) continue;
      checkCount(limit, `${role} limit`);
      const r = this.roles[role];
      r.limit = limitInForce(limit, r.limit);
    }
  }

  isReserved(attemptId: string): boolean {
    return this.inFlight.has(attemptId);
  }

  role(role: ModelRole): RoleBudget {
    const r = this.roles[role];
    const spent = r.completed + r.uncertain;
    return {
      limit: r.limit,
      spent,
      completed: r.completed,
      uncertain: r.uncertain,
      reserved: r.reserved,
      released: r.released,
      remaining: budgetLeft(r.limit, spent, r.reserved),
    };
  }

  snapshot(): LedgerSnapshot {
    return { teacher: this.role('teacher'), augmenter: this.role('augmenter') };
  }

  private take(attemptId: string): ModelRole {
    const role = this.inFlight.get(attemptId);
    if (role === undefined) throw new Error(`Attempt ${attemptId} is not reserved (settled twice, or never reserved).`);
    this.inFlight.delete(attemptId);
    this.roles[role].reserved -= 1;
    return role;
  }
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`The ${what} must be a whole number ≥ 0 (got ${String(value)}).`);
  return value;
}
