// AA plan: one unit per (seed, round), one teacher query each, round-robin: every seed gets its
// answer of round r before any seed gets one of round r + 1. The budget cuts the sequence; a
// larger budget only adds units after it.
import type { PlanLimits, PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import type { Seed } from '../seeds/types.ts';
import { distinctSeeds } from './distinctSeeds.ts';
import { fewShotFor } from './fewShotRotation.ts';
import { samplesPerSeedCap } from './planDefaults.ts';
import { normalizeLimits } from './planLimits.ts';
import type { AnswerAugmentationParams } from './unitParams.ts';
import { answerAugmentationKey } from './unitKeys.ts';

export interface PlanExtras {
  /** Keys of units already done in this session: skipped, and they use none of `limits`. */
  readonly doneKeys?: ReadonlySet<string>;
}

export function planAnswerAugmentation(seeds: readonly Seed[], limits: PlanLimits, options: PlanOptions, extras: PlanExtras = {}): WorkUnit[] {
  const pool = distinctSeeds(seeds);
  const done = extras.doneKeys ?? new Set<string>();
  const cap = samplesPerSeedCap(options.samplesPerSeed);
  let teacher = normalizeLimits(limits).teacherQueries;
  const units: WorkUnit[] = [];
  // Ends: the budget runs out, or the cap is reached. Done keys are finite, so rounds whose
  // units are all done are passed over and the budget is reached eventually.
  for (let round = 0; pool.length > 0 && teacher > 0 && (cap === undefined || round < cap); round++) {
    for (const [index, seed] of pool.entries()) {
      const key = answerAugmentationKey(seed, round);
      if (done.has(key)) continue;
      if (teacher < 1) break;
      const params: AnswerAugmentationParams = { round, samplingSeed: round };
      units.push({ key, strategy: 'answer-augmentation', teacherQueries: 1, augmenterCalls: 0, seeds: [seed], fewShot: fewShotFor(pool, key, index), params });
      teacher -= 1;
    }
  }
  return units;
}
