// NQ plan: a sequence of augmenter calls, each showing a window of seeds (fewShotRotation) plus
// up to two accepted samples, each asking for questionsPerCall new questions; the last call asks
// for fewer when the teacher budget ends inside a batch. Coverage is over the seeds shown: every
// seed appears in a window before any appears twice.
import type { AcceptedExample, PlanLimits, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import type { Seed } from '../seeds/types.ts';
import type { PlanExtras } from './planAnswerAugmentation.ts';
import { distinctSeeds } from './distinctSeeds.ts';
import { fewShotWindows } from './fewShotRotation.ts';
import { ACCEPTED_EXAMPLES_PER_CALL, fewShotSize, questionsPerCall } from './planDefaults.ts';
import { normalizeLimits } from './planLimits.ts';
import { readNewQuestionParams } from './unitParams.ts';
import type { NewQuestionParams } from './unitParams.ts';
import { newQuestionKey } from './unitKeys.ts';

export function planNewQuestion(seeds: readonly Seed[], limits: PlanLimits, options: PlanOptions, extras: PlanExtras = {}): WorkUnit[] {
  const pool = distinctSeeds(seeds);
  if (pool.length === 0) return [];
  const done = extras.doneKeys ?? new Set<string>();
  const perCall = questionsPerCall(options.questionsPerCall);
  const accepted = options.acceptedExamples ?? [];
  let { teacherQueries: teacher, augmenterCalls: augmenter } = normalizeLimits(limits);
  const windows = fewShotWindows(pool.length, Math.min(fewShotSize(options.fewShotSize), pool.length));
  const units: WorkUnit[] = [];
  // Done keys are finite, so the loop reaches undone units and spends the limits eventually.
  for (let index = 0; teacher > 0 && augmenter > 0; index++) {
    const fewShot = windows.next().value.map((i) => pool[i]!);
    const key = newQuestionKey(index, fewShot);
    if (done.has(key)) continue;
    const count = Math.min(perCall, teacher);
    const params: NewQuestionParams = { index, count, samplingSeed: index, examples: acceptedFor(index, accepted) };
    units.push({ key, strategy: 'new-question', teacherQueries: count, augmenterCalls: 1, seeds: fewShot, params });
    teacher -= count;
    augmenter -= 1;
  }
  return units;
}

/**
 * How many accepted samples, from the first, the calls of `units` show (planned over `accepted` of
 * them). The rotation starts at the first and goes in order, so the calls show exactly that
 * prefix: a run need read only those, and planning over just them makes the same calls.
 */
export function acceptedExamplesShown(units: readonly WorkUnit[], accepted: number): number {
  let calls = 0;
  for (const unit of units) if (unit.strategy === 'new-question') calls = Math.max(calls, readNewQuestionParams(unit).index + 1);
  return Math.min(accepted, Math.min(ACCEPTED_EXAMPLES_PER_CALL, accepted) * calls);
}

/** The accepted samples a call shows, rotating so each is used before any is used again. */
function acceptedFor(index: number, accepted: readonly AcceptedExample[]): AcceptedExample[] {
  const take = Math.min(ACCEPTED_EXAMPLES_PER_CALL, accepted.length);
  return Array.from({ length: take }, (_, i) => accepted[(index * take + i) % accepted.length]!);
}
