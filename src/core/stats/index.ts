export { sessionStats } from './sessionStats.ts';
export type { CheckTally, ReviewTally, SessionStats, StrategyStats } from './sessionStats.ts';
