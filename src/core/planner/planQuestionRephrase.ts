// QR plan: rounds over the seeds; in each round every seed gets one augmenter call asking for
// questionsPerCall rephrasings (each then answered by one teacher query). When a round no longer
// fits the limits, it is the last one, and its batches shrink and spread over as many seeds as
// the augmenter limit allows, so the plan uses the teacher budget exactly and every seed gets its
// first sample before any gets more (per-seed counts differ by at most one round's batch).
import type { PlanLimits, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import type { Seed } from '../seeds/types.ts';
import type { PlanExtras } from './planAnswerAugmentation.ts';
import { distinctSeeds } from './distinctSeeds.ts';
import { fewShotFor } from './fewShotRotation.ts';
import { questionsPerCall } from './planDefaults.ts';
import { normalizeLimits } from './planLimits.ts';
import type { QuestionRephraseParams } from './unitParams.ts';
import { questionRephraseKey } from './unitKeys.ts';

export function planQuestionRephrase(seeds: readonly Seed[], limits: PlanLimits, options: PlanOptions, extras: PlanExtras = {}): WorkUnit[] {
  const pool = distinctSeeds(seeds);
  const done = extras.doneKeys ?? new Set<string>();
  const perCall = questionsPerCall(options.questionsPerCall);
  let { teacherQueries: teacher, augmenterCalls: augmenter } = normalizeLimits(limits);
  const units: WorkUnit[] = [];
  const position = new Map(pool.map((seed, i) => [seed, i]));
  const unit = (seed: Seed, round: number, count: number): WorkUnit => {
    const params: QuestionRephraseParams = { round, count, samplingSeed: round };
    const key = questionRephraseKey(seed, round);
    return { key, strategy: 'question-rephrase', teacherQueries: count, augmenterCalls: 1, seeds: [seed], fewShot: fewShotFor(pool, key, position.get(seed) ?? -1), params };
  };
  for (let round = 0; pool.length > 0 && teacher > 0 && augmenter > 0; round++) {
    const pending = pool.filter((seed) => !done.has(questionRephraseKey(seed, round)));
    if (pending.length === 0) continue;
    if (teacher >= pending.length * perCall && augmenter >= pending.length) {
      for (const seed of pending) units.push(unit(seed, round, perCall));
      teacher -= pending.length * perCall;
      augmenter -= pending.length;
      continue;
    }
    // The last round: as many calls as both limits allow (at least one question each), the
    // questions spread evenly over them, the first seeds taking the remainder.
    const calls = Math.min(pending.length, augmenter, teacher);
    const questions = Math.min(teacher, calls * perCall);
    const base = Math.floor(questions / calls);
    const extra = questions % calls;
    pending.slice(0, calls).forEach((seed, i) => units.push(unit(seed, round, base + (i < extra ? 1 : 0))));
    break;
  }
  return units;
}
