// A deterministic token estimate (about four characters per token, like English BPE on average).
// Exactness does not matter; stability does: budget and cost tests compare these numbers.
import type { ChatMessage } from './protocol.ts';

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Prompt tokens: content plus a small per-message and per-request overhead, as chat formats add. */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 3);
}

/** Cuts text to at most `maxTokens` estimated tokens. */
export function cutToTokens(text: string, maxTokens: number): string {
  return text.slice(0, maxTokens * CHARS_PER_TOKEN);
}
