// ChatRequest (core's words) → the chat-completions request body (the wire's words).
import type OpenAI from 'openai';
import type { ChatRequest } from '../core/model/chat.ts';

/**
 * Which field carries the token limit. OpenAI deprecated max_tokens and its reasoning models reject
 * it; many compatible servers (older vLLM, llama.cpp, Ollama) only read max_tokens. 'auto' sends
 * max_completion_tokens to api.openai.com and max_tokens elsewhere.
 */
export type MaxTokensField = 'auto' | 'max_tokens' | 'max_completion_tokens';

export function resolveMaxTokensField(field: MaxTokensField, baseURL: string): 'max_tokens' | 'max_completion_tokens' {
  if (field !== 'auto') return field;
  let host = '';
  try {
    host = new URL(baseURL).hostname;
  } catch {
    // An unusable URL fails later with a proper message; the field choice does not matter.
  }
  return host === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
}

export interface BodyQuirks {
  /** False for endpoints that do not honour `seed`: it is left out (some reject unknown parameters). */
  readonly sendSeed?: boolean;
}

export function buildChatBody(request: ChatRequest, maxTokensField: 'max_tokens' | 'max_completion_tokens', quirks: BodyQuirks = {}): OpenAI.ChatCompletionCreateParamsNonStreaming {
  const { sampling, responseFormat } = request;
  const body: OpenAI.ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: sampling.temperature,
    [maxTokensField]: sampling.maxTokens,
  };
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  if (sampling.seed !== undefined && quirks.sendSeed !== false) body.seed = sampling.seed;
  if (responseFormat !== undefined) {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: responseFormat.name,
        schema: { ...responseFormat.schema },
        ...(responseFormat.strict !== undefined ? { strict: responseFormat.strict } : {}),
      },
    };
  }
  return body;
}
