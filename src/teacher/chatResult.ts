// The endpoint's chat completion → core's ChatResult. Compatible servers omit fields OpenAI always
// sends (usage, refusal, even finish_reason), so every field has a safe reading.
import type OpenAI from 'openai';
import type { ChatResult, FinishReason } from '../core/model/chat.ts';

export interface ResultFacts {
  readonly requestId: string | null;
  readonly attempts: number;
  readonly latencyMs: number;
  /** The model asked for, when the endpoint does not say which answered. */
  readonly requestedModel: string;
}

export function normaliseFinishReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content_filter':
    case 'tool_calls':
      return reason;
    case 'function_call': // the pre-tools name of tool_calls
      return 'tool_calls';
    default:
      return 'other';
  }
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

export function toChatResult(completion: OpenAI.ChatCompletion, facts: ResultFacts): ChatResult {
  // Loose reads: the declared types describe OpenAI, not every compatible server.
  const choice = (completion.choices as OpenAI.ChatCompletion.Choice[] | undefined)?.[0];
  const message = choice?.message as Partial<OpenAI.ChatCompletionMessage> | undefined;
  const usage = completion.usage as Partial<OpenAI.CompletionUsage> | undefined;
  return {
    content: typeof message?.content === 'string' ? message.content : '',
    refusal: typeof message?.refusal === 'string' ? message.refusal : null,
    finishReason: normaliseFinishReason(choice?.finish_reason),
    usage: { promptTokens: tokens(usage?.prompt_tokens), completionTokens: tokens(usage?.completion_tokens) },
    model: typeof completion.model === 'string' && completion.model !== '' ? completion.model : facts.requestedModel,
    requestId: facts.requestId,
    attempts: facts.attempts,
    latencyMs: facts.latencyMs,
  };
}
