// The three strategies, built over one prompt set and the seed file's answer profile (the defaults, or the project's overrides from
// loadPromptOverrides), so every sample's lineage names the prompt text that really made it.
import type { AnswerProfile } from '../profile/types.ts';
import { DEFAULT_PROMPTS } from '../prompts/defaults.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { StrategyId } from '../samples/sample.ts';
import { createAnswerAugmentation } from './answerAugmentation.ts';
import { createNewQuestion } from './newQuestion.ts';
import { createQuestionRephrase } from './questionRephrase.ts';
import type { IncrementalStrategy } from './strategyRun.ts';

/** `profile`: the seed file's answer profile; without one, answers are asked for as GSM8K's. */
export function createStrategies(prompts: PromptSet = DEFAULT_PROMPTS, profile?: AnswerProfile): Readonly<Record<StrategyId, IncrementalStrategy>> {
  return Object.freeze({
    'answer-augmentation': createAnswerAugmentation(prompts, profile),
    'question-rephrase': createQuestionRephrase(prompts, profile),
    'new-question': createNewQuestion(prompts, profile),
  });
}
