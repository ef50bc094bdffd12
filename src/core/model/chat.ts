// The boundary between the generation engine (core) and any chat-completions endpoint
// (src/teacher implements it with the `openai` SDK). Core never sees HTTP; the client never sees
// budgets — it only reports every HTTP attempt to the meter it is handed.

export type ModelRole = 'teacher' | 'augmenter';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** Structured output: sent as response_format {type: 'json_schema', json_schema: {name, schema, strict}}. */
export interface JsonSchemaFormat {
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
}

export interface SamplingParams {
  readonly temperature: number;
  readonly topP?: number;
  readonly maxTokens: number;
  /** Different seeds make otherwise identical requests distinct samples (and distinct cache keys). */
  readonly seed?: number;
}

export interface ChatRequest {
  readonly role: ModelRole;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly sampling: SamplingParams;
  readonly responseFormat?: JsonSchemaFormat;
}

export interface ChatUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when counted by us, not reported by the endpoint (VS Code's language models report none). */
  readonly estimated?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'other';

export interface ChatResult {
  /** The message content ('' when the model sent none). */
  readonly content: string;
  /** The model's refusal text when it used the structured-output `refusal` field. */
  readonly refusal: string | null;
  readonly finishReason: FinishReason;
  readonly usage: ChatUsage;
  /** The model id the endpoint says answered. */
  readonly model: string;
  readonly requestId: string | null;
  /** HTTP attempts this result took (1 + retries). */
  readonly attempts: number;
  readonly latencyMs: number;
  /**
   * For a request with a responseFormat: whether the endpoint got it as response_format
   * json_schema, or (an endpoint without structured output) only the prompt's own instructions,
   * the answer then read by the tolerant parser. Absent for plain requests and older journals.
   */
  readonly structuredOutput?: StructuredOutputWay;
}

export type StructuredOutputWay = 'json-schema' | 'instructions';

/**
 * Why a batch line is uncertain: the engine reported an error for it after it may have run
 * (batch-error), or it appears in neither the output nor the error file (unaccounted).
 */
export type BatchUncertainReason = 'batch-error' | 'unaccounted';

/**
 * What happened to one HTTP attempt, for the budget:
 * - completed: a completion came back (HTTP 200): billed.
 * - uncertain: the request was sent and then timed out, was aborted, or its stream broke: it may
 *   have been billed, so it is spent.
 * - released: the endpoint refused it before the model ran (429, 5xx without a completion,
 *   connection refused, 4xx): not spent; counted as a retry.
 */
export type AttemptOutcome =
  | { readonly kind: 'completed'; readonly status: number }
  | { readonly kind: 'uncertain'; readonly reason: 'timeout' | 'aborted' | 'stream-broken' | BatchUncertainReason }
  | { readonly kind: 'released'; readonly status: number | null; readonly reason: string; readonly retryAfterMs?: number };

/**
 * Called by the client around every HTTP attempt, including retries the SDK makes on its own,
 * so the ledger counts exactly what reached the endpoint.
 */
export interface AttemptMeter {
  /**
   * Before an attempt is sent. Resolves when the attempt is reserved (durably). Rejects with a
   * BudgetExhaustedError when the limit would be passed; the client must then not send it and
   * must not retry.
   */
  beforeAttempt(): Promise<void>;
  /** Once the attempt's fate is known; exactly once per resolved beforeAttempt(). */
  afterAttempt(outcome: AttemptOutcome): Promise<void>;
  /**
   * Aborted (with the reason) once no further attempt may be sent, e.g. the run's time limit
   * passed. A client still waiting to send (for a slot, or for a rate limit to reopen, which can
   * take a minute) gives up at once, reserving nothing; attempts already out are not touched.
   */
  readonly sendsStopped?: AbortSignal;
}

export interface ChatClient {
  complete(request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult>;
}
