// Defaults and bounds of the plan options (PlanOptions in strategy.ts).

/** Questions one augmenter call asks for (QR, NQ): batching makes the augmenter cost 1/n per sample. */
export const DEFAULT_QUESTIONS_PER_CALL = 3;
/** A model asked for more items in one reply gets sloppy, and the test teacher caps at 20. */
export const MAX_QUESTIONS_PER_CALL = 20;
/** Seeds shown per new-question call; with up to two accepted samples that makes 6–8 examples. */
export const DEFAULT_FEW_SHOT_SIZE = 6;
/** Accepted synthetic samples mixed into each new-question call (Self-Instruct mixes a couple). */
export const ACCEPTED_EXAMPLES_PER_CALL = 2;

export function questionsPerCall(value: number | undefined): number {
  return clampInteger(value, DEFAULT_QUESTIONS_PER_CALL, 1, MAX_QUESTIONS_PER_CALL);
}

export function fewShotSize(value: number | undefined): number {
  return clampInteger(value, DEFAULT_FEW_SHOT_SIZE, 1, Number.MAX_SAFE_INTEGER);
}

/** AA answers per seed at most; undefined: no cap (the budget decides). */
export function samplesPerSeedCap(value: number | undefined): number | undefined {
  return value === undefined ? undefined : clampInteger(value, 1, 0, Number.MAX_SAFE_INTEGER);
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
