// A generated sample and its lineage: everything needed to trace a training line back to the
// seed line, the prompts and the models that made it. Shared by the engine, the journal, the
// CLI and the editor.
import type { SamplingParams, ChatUsage } from '../model/chat.ts';
import type { StrategyId } from './strategyIds.ts';

export { STRATEGY_IDS, type StrategyId } from './strategyIds.ts';

export type SampleState = 'pending' | 'accepted' | 'rejected';

/**
 * Why a sample needs a closer look. A flagged sample is kept and shown, never dropped and never
 * accepted without a person.
 * - malformed: structured output that could not be parsed even by the tolerant parser
 * - empty: no text where text was expected
 * - refusal: the model declined
 * - truncated: cut off (finish_reason "length")
 * - no-final-answer: an answer without a recognisable final answer line
 * - unanswerable: the augmenter's own check said the new question is not answerable/well formed
 */
export type SampleFlag = 'malformed' | 'empty' | 'refusal' | 'truncated' | 'no-final-answer' | 'unanswerable';

export interface PromptRef {
  readonly id: string;
  /** Hash of the template text that rendered the prompt (changes when an override changes it). */
  readonly hash: string;
  /** The answer kind it was rendered for (`numeric:####`, `sql`, …): the profile is part of the lineage. */
  readonly kind?: string;
}

export interface ModelRef {
  readonly model: string;
  /** Base URL of the endpoint (never a key). */
  readonly endpoint: string;
}

/** One model call that went into a sample. */
export interface CallRecord {
  readonly role: 'teacher' | 'augmenter';
  readonly cacheKey: string;
  readonly prompt: PromptRef;
  readonly sampling: SamplingParams;
  readonly usage: ChatUsage;
  readonly finishReason: string;
  /** False when the result came from the cache (no query was bought for this sample). */
  readonly bought: boolean;
  /** Structured requests: made with response_format json_schema, or with instructions only (the endpoint took no schema). */
  readonly structuredOutput?: 'json-schema' | 'instructions';
}

/** What a strategy produces for one sample; the engine adds ids, models and time. */
export interface SampleDraft {
  /** Unique within the work unit; with the unit key it makes the sample id stable across resumes. */
  readonly outputKey: string;
  readonly strategy: StrategyId;
  readonly question: string;
  readonly answer: string;
  readonly flags: readonly SampleFlag[];
  /** The seed lines the sample came from (one for AA/QR; the few-shot seeds for NQ). */
  readonly seedLines: readonly number[];
  readonly seedHashes: readonly string[];
  /** Accepted synthetic samples shown as examples (NQ), by id. */
  readonly exampleSampleIds: readonly string[];
  readonly calls: readonly CallRecord[];
  /** Free-form notes for a reviewer, e.g. the augmenter's self-check reason. */
  readonly notes?: readonly string[];
  /** A teacher ensemble: the teacher model that answered (the engine records it as the sample's teacher). */
  readonly teacherModel?: string;
}

export interface Sample extends SampleDraft {
  readonly id: string;
  readonly unitKey: string;
  readonly runId: string;
  readonly teacher: ModelRef;
  readonly augmenter: ModelRef | null;
  readonly createdAt: string;
}
