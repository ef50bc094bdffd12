// The strategies' names as a person reads them (method.md's names).
import type { StrategyId } from '../samples/sample.ts';

export const STRATEGY_NAMES: Readonly<Record<StrategyId, string>> = {
  'answer-augmentation': 'Answer Augmentation',
  'question-rephrase': 'Question Rephrase',
  'new-question': 'New Question',
};
