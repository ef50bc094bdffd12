// The three strategies: their ids and the names a person reads (method.md's names). The one
// list of them, for core, the CLI, the editor and, through src/shared/protocol.ts, the webview;
// it imports nothing, so the webview bundle may carry it.

export type StrategyId = 'answer-augmentation' | 'question-rephrase' | 'new-question';

export const STRATEGY_IDS: readonly StrategyId[] = ['answer-augmentation', 'question-rephrase', 'new-question'];

export const STRATEGY_NAMES: Readonly<Record<StrategyId, string>> = {
  'answer-augmentation': 'Answer Augmentation',
  'question-rephrase': 'Question Rephrase',
  'new-question': 'New Question',
};

/** For tight places (charts, table headers). */
export const STRATEGY_SHORT_NAMES: Readonly<Record<StrategyId, string>> = {
  'answer-augmentation': 'AA',
  'question-rephrase': 'QR',
  'new-question': 'NQ',
};
