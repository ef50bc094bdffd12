// Counting the tokens of a chat request. The estimator only needs `TokenCounter`; which
// tokenizer stands behind it is chosen per model in tokenizers.ts, so a tokenizer per model
// family can be added there without touching the estimates.
import type { ChatMessage } from '../model/chat.ts';

export interface TokenCounter {
  /** The encoding's name, shown next to every token estimate (e.g. "o200k_base"). */
  readonly name: string;
  count(text: string): number;
}

// OpenAI's published way of counting chat tokens (the "How to count tokens with tiktoken"
// cookbook): every message adds 3 tokens of framing, and 3 more prime the reply. Other model
// families frame messages differently; a few tokens per message do not move an estimate.
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;

export function chatTokens(counter: TokenCounter, messages: readonly ChatMessage[]): number {
  let total = TOKENS_PER_REPLY;
  for (const message of messages) total += TOKENS_PER_MESSAGE + counter.count(message.content);
  return total;
}

/**
 * The same counter with a memory: a plan's prompts repeat the same system text thousands of
 * times, and counting it once is enough.
 */
export function memoizedCounter(counter: TokenCounter, maxEntries = 4096): TokenCounter {
  const seen = new Map<string, number>();
  return {
    name: counter.name,
    count(text) {
      const known = seen.get(text);
      if (known !== undefined) return known;
      const n = counter.count(text);
      if (seen.size < maxEntries) seen.set(text, n);
      return n;
    },
  };
}
