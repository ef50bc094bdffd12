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

/** Characters of one text that are really tokenized; the rest of a longer text is estimated from them. */
export const MAX_COUNTED_CHARS = 16_384;
/** The longest run without white space tokenized in one piece. */
export const MAX_RUN_CHARS = 256;

const LONG_RUN = new RegExp(`\\S{${MAX_RUN_CHARS + 1},}`, 'g');

/**
 * The same counter with its work bounded per text. The tokenizer's cost grows with the square of
 * an unbroken run's length (a 32k-character run of one letter takes over a second), so:
 * a run longer than MAX_RUN_CHARS is cut into pieces counted one by one (a cut can split one
 * token in two, so a long run may count a token or so more per cut: nothing for an estimate), and
 * of a text longer than MAX_COUNTED_CHARS only its start is counted, scaled by its length.
 * Ordinary prose has no such run and no such length, and is counted exactly.
 */
export function boundedCounter(counter: TokenCounter): TokenCounter {
  return {
    name: counter.name,
    count(text) {
      if (text.length <= MAX_COUNTED_CHARS) return countInPieces(counter, text);
      const counted = text.slice(0, MAX_COUNTED_CHARS);
      return Math.round((countInPieces(counter, counted) * text.length) / counted.length);
    },
  };
}

function countInPieces(counter: TokenCounter, text: string): number {
  LONG_RUN.lastIndex = 0;
  if (!LONG_RUN.test(text)) return counter.count(text);
  LONG_RUN.lastIndex = 0;
  let total = 0;
  let from = 0;
  for (const run of text.matchAll(LONG_RUN)) {
    // The first piece keeps the text before the run, so a leading space stays with its word.
    for (let cut = run.index + MAX_RUN_CHARS; cut < run.index + run[0].length; cut += MAX_RUN_CHARS) {
      total += counter.count(text.slice(from, cut));
      from = cut;
    }
  }
  return total + counter.count(text.slice(from));
}
