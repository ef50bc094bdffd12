// Sampling parameters of each request kind. Answers are sampled (T ≈ 0.7, as in rejection
// sampling / MetaMath's AnsAug) so that repeated answers to one question differ; the augmenter
// runs warmer so that rounds of rephrasings and new questions spread out. Token limits leave room
// for a worked solution and for a batch of questions.
import type { SamplingParams } from '../model/chat.ts';

export const ANSWER_TEMPERATURE = 0.7;
export const ANSWER_MAX_TOKENS = 1024;
export const REPHRASE_TEMPERATURE = 0.8;
export const NEW_QUESTION_TEMPERATURE = 0.9;

/** `seed` makes otherwise identical answer requests distinct samples and distinct cache keys. */
export function answerSampling(seed: number): SamplingParams {
  return { temperature: ANSWER_TEMPERATURE, maxTokens: ANSWER_MAX_TOKENS, seed };
}

export function rephraseSampling(count: number, seed: number): SamplingParams {
  return { temperature: REPHRASE_TEMPERATURE, maxTokens: 128 + 256 * count, seed };
}

export function newQuestionSampling(count: number, seed: number): SamplingParams {
  return { temperature: NEW_QUESTION_TEMPERATURE, maxTokens: 256 + 384 * count, seed };
}
