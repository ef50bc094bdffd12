// The three strategies, built over one prompt set (the defaults, or the project's overrides from
// loadPromptOverrides), so every sample's lineage names the prompt text that really made it.
import { DEFAULT_PROMPTS } from '../prompts/defaults.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { StrategyId } from '../samples/sample.ts';
import { createAnswerAugmentation } from './answerAugmentation.ts';
import { createNewQuestion } from './newQuestion.ts';
import { createQuestionRephrase } from './questionRephrase.ts';
import type { IncrementalStrategy } from './strategyRun.ts';

export function createStrategies(prompts: PromptSet = DEFAULT_PROMPTS): Readonly<Record<StrategyId, IncrementalStrategy>> {
  return Object.freeze({
    'answer-augmentation': createAnswerAugmentation(prompts),
    'question-rephrase': createQuestionRephrase(prompts),
    'new-question': createNewQuestion(prompts),
  });
}
