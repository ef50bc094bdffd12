// The one rule for a session's limit and whether a run may start. A session's limit only grows:
// the limit in force is the higher of the number asked for now (the editor's setting, the CLI's
// --budget) and the highest any run of the session set. Everything that shows or enforces a
// limit (ledger, journal totals, engine, sidebar, status bar, Generate) goes through here, so
// they cannot disagree.
import type { ModelRole } from '../model/chat.ts';

export type RoleLimits = Readonly<Record<ModelRole, number>>;

/** The limit in force: the number asked for now, or the session's own when that is higher. */
export function limitInForce(asked: number, session: number): number {
  return Math.max(asked, session);
}

export function limitsInForce(asked: RoleLimits, session: RoleLimits): RoleLimits {
  return { teacher: limitInForce(asked.teacher, session.teacher), augmenter: limitInForce(asked.augmenter, session.augmenter) };
}

/**
 * The limit the next run would have: 0 when 0 is asked for, else the limit in force. A budget of
 * 0 is a person saying "send nothing more", so it stops generation and shows as 0 even where the
 * session once had a higher limit (the session's own limit stays in the journal, untouched).
 */
export function limitForNextRun(asked: number, session: number): number {
  return asked === 0 ? 0 : limitInForce(asked, session);
}

export function limitsForNextRun(asked: RoleLimits, session: RoleLimits): RoleLimits {
  return { teacher: limitForNextRun(asked.teacher, session.teacher), augmenter: limitForNextRun(asked.augmenter, session.augmenter) };
}

/** What may still be reserved under `limit`: never below 0. */
export function budgetLeft(limit: number, spent: number, reserved = 0): number {
  return Math.max(0, limit - spent - reserved);
}

export interface SpentBudget {
  readonly role: ModelRole;
  readonly limit: number;
  readonly spent: number;
}

/**
 * Why the budget lets no run start, or null when it does: the teacher limit in force is spent.
 * Only the teacher counts here: Answer Augmentation needs no augmenter call, and a strategy that
 * does is stopped by the ledger when the augmenter limit runs out.
 */
export function spentBudget(limits: RoleLimits, spent: Readonly<Record<ModelRole, number>>): SpentBudget | null {
  return budgetLeft(limits.teacher, spent.teacher) === 0 ? { role: 'teacher', limit: limits.teacher, spent: spent.teacher } : null;
}
