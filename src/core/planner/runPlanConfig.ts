// What a run is planned from, the same whether it is sent request by request (engine/runGeneration)
// or handed to a provider's batch engine (batch/batchPlan): one definition, so the two cannot drift.
import type { AnswerProfile } from '../profile/types.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { ModelRef, StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';

export interface RunPlanConfig {
  readonly seedFile: string;
  readonly seeds: readonly Seed[];
  readonly strategy: StrategyId | 'auto';
  readonly weakAugmenter?: boolean;
  /** The session's limits: the total it may ever spend, across runs. */
  readonly limits: { readonly teacher: number; readonly augmenter: number };
  readonly teacher: ModelRef;
  readonly augmenter: ModelRef;
  readonly samplesPerSeed?: number;
  readonly questionsPerCall?: number;
  readonly fewShotSize?: number;
  readonly prompts?: PromptSet;
  /** The seed file's answer profile: the prompts ask for answers of its kind (GSM8K's when absent). */
  readonly profile?: AnswerProfile;
}
