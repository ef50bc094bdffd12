// The contract between the engine and a generation strategy. A strategy plans work units from
// the seeds and turns one unit into samples by calling models through `ModelCaller`; the engine
// behind ModelCaller does caching, the budget, concurrency and the journal.
import type { ChatRequest, ChatResult } from '../model/chat.ts';
import type { PromptRef, SampleDraft, StrategyId } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';

export interface ModelCaller {
  /**
   * One model call. Served from the cache when this exact request (model, messages, sampling,
   * response format) was bought before; otherwise metered against the role's budget. Throws a
   * ChatError (budget-exhausted, aborted, …) when the call cannot be made.
   */
  call(request: ChatRequest, prompt: PromptRef): Promise<ChatResult>;
}

/** A synthetic sample a person accepted, offered to New Question as an example. */
export interface AcceptedExample {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
}

export interface PlanLimits {
  /** Teacher queries this plan may spend (the budget left). */
  readonly teacherQueries: number;
  /** Augmenter calls this plan may spend. */
  readonly augmenterCalls: number;
}

export interface PlanOptions {
  readonly teacherModel: string;
  readonly augmenterModel: string;
  /** AA: answers per seed before moving on (the planner spreads evenly anyway). */
  readonly samplesPerSeed?: number;
  /** QR/NQ: how many questions one augmenter call asks for. */
  readonly questionsPerCall?: number;
  /** NQ: seeds shown per augmenter call (6–8). */
  readonly fewShotSize?: number;
  readonly acceptedExamples?: readonly AcceptedExample[];
}

/** One schedulable piece of work: at most one augmenter call and the teacher calls that follow it. */
export interface WorkUnit {
  /** Stable across runs for the same seeds, strategy and options: the resume key. */
  readonly key: string;
  readonly strategy: StrategyId;
  /** Teacher queries this unit will spend at most. */
  readonly teacherQueries: number;
  /** Augmenter calls this unit will spend at most. */
  readonly augmenterCalls: number;
  readonly seeds: readonly Seed[];
  /**
   * AA and QR: other seeds the teacher request shows as examples of the answer wanted (never
   * the unit's own seed, whose gold the teacher would copy). NQ shows its window (`seeds`).
   */
  readonly fewShot?: readonly Seed[];
  /** Strategy-specific parameters (sample index, sampling seed, batch size, examples). */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * A teacher ensemble: the model that answers the unit's i-th question (one entry per teacher
   * query). Absent: PlanOptions.teacherModel answers all.
   */
  readonly teachers?: readonly string[];
}

export interface Strategy {
  readonly id: StrategyId;
  plan(seeds: readonly Seed[], limits: PlanLimits, options: PlanOptions): WorkUnit[];
  run(unit: WorkUnit, models: ModelCaller, options: PlanOptions, signal: AbortSignal): Promise<SampleDraft[]>;
}
