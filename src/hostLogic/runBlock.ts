// Whether the editor may start a run now, and if not, the first thing in the way. Plain logic
// over what the host knows (trust, seed file, settings, key, lock, spend), so it is tested
// without an editor; the host turns the answer into words and a fix button.
import { limitsForNextRun, spentBudget, type RoleLimits } from '../core/budget/limit.ts';
import type { ModelRole } from '../core/model/chat.ts';

export interface RunStartInputs {
  readonly workspaceTrusted: boolean;
  readonly seedFile:
    | { readonly kind: 'none' | 'loading' | 'failed' }
    | { readonly kind: 'loaded'; readonly validSeeds: number; readonly badLines: number; readonly onThisComputer: boolean };
  readonly teacherModel: string;
  readonly hasApiKey: boolean;
  /** Another process holds the session's lock. */
  readonly readOnly: boolean;
  /** The limits the settings ask for. */
  readonly limits: RoleLimits;
  /** The session's totals, as the journal has them. */
  readonly session: Readonly<Record<ModelRole, { readonly limit: number; readonly spent: number }>>;
}

export type RunBlock =
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'no-seed-file' }
  /** `badLines` 0: the file is empty (or only blank lines), so the Problems panel has nothing to show. */
  | { readonly kind: 'no-valid-seed'; readonly badLines: number }
  | { readonly kind: 'seed-file-not-local' }
  | { readonly kind: 'no-teacher-model' }
  | { readonly kind: 'no-api-key' }
  | { readonly kind: 'read-only' }
  /** The teacher budget asked for is 0. */
  | { readonly kind: 'no-budget' }
  | { readonly kind: 'budget-spent'; readonly limit: number; readonly spent: number };

/** The first reason no run may start, in the order a person fixes them; null when one may. */
export function runBlock(inputs: RunStartInputs): RunBlock | null {
  if (!inputs.workspaceTrusted) return { kind: 'untrusted' };
  const seedFile = inputs.seedFile;
  if (seedFile.kind !== 'loaded') return { kind: 'no-seed-file' };
  if (seedFile.validSeeds === 0) return { kind: 'no-valid-seed', badLines: seedFile.badLines };
  if (!seedFile.onThisComputer) return { kind: 'seed-file-not-local' };
  if (!inputs.teacherModel) return { kind: 'no-teacher-model' };
  if (!inputs.hasApiKey) return { kind: 'no-api-key' };
  if (inputs.readOnly) return { kind: 'read-only' };
  if (inputs.limits.teacher === 0) return { kind: 'no-budget' };
  const { session } = inputs;
  const spent = spentBudget(limitsForNextRun(inputs.limits, { teacher: session.teacher.limit, augmenter: session.augmenter.limit }), { teacher: session.teacher.spent, augmenter: session.augmenter.spent });
  return spent ? { kind: 'budget-spent', limit: spent.limit, spent: spent.spent } : null;
}
