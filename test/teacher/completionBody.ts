// Shapes produced choices into the wire objects: one chat.completion, or the chat.completion.chunk
// sequence of a stream (role, content pieces, finish, optional usage chunk).
import type { ChoiceOutput } from './completer.ts';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

const FINGERPRINT = 'fp_seedsmith_teacher';

export function usageOf(promptTokens: number, choices: readonly ChoiceOutput[]): Usage {
  const completion = choices.reduce((sum, c) => sum + c.completionTokens, 0);
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}

export function completionObject(meta: CompletionMeta, choices: readonly ChoiceOutput[], usage: Usage): unknown {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    system_fingerprint: FINGERPRINT,
    choices: choices.map((c, index) => ({
      index,
      message: { role: 'assistant', content: c.content, refusal: c.refusal },
      logprobs: null,
      finish_reason: c.finishReason,
    })),
    usage,
  };
}

/** The chunk objects of a stream, in order, without the final "[DONE]" sentinel. */
export function streamChunks(meta: CompletionMeta, choices: readonly ChoiceOutput[], usage: Usage | null): unknown[] {
  const base = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, system_fingerprint: FINGERPRINT };
  // With include_usage every chunk carries "usage": null and one last chunk carries the usage.
  const withUsageField = (o: Record<string, unknown>): Record<string, unknown> => (usage ? { ...o, usage: null } : o);
  const chunk = (index: number, delta: Record<string, unknown>, finish: string | null): Record<string, unknown> =>
    withUsageField({ ...base, choices: [{ index, delta, logprobs: null, finish_reason: finish }] });
  const out: unknown[] = [];
  choices.forEach((c, index) => {
    out.push(chunk(index, { role: 'assistant', content: c.refusal === null ? '' : null, refusal: null }, null));
    for (const piece of pieces(c.content ?? '')) out.push(chunk(index, { content: piece }, null));
    for (const piece of pieces(c.refusal ?? '')) out.push(chunk(index, { refusal: piece }, null));
    out.push(chunk(index, {}, c.finishReason));
  });
  if (usage) out.push({ ...base, choices: [], usage });
  return out;
}

const WORDS_PER_CHUNK = 4;

/** Splits text into few-word pieces that concatenate back to exactly the original. */
function pieces(text: string): string[] {
  const words = text.split(/(?<=\s)(?=\S)/).filter((p) => p !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) out.push(words.slice(i, i + WORDS_PER_CHUNK).join(''));
  return out;
}
