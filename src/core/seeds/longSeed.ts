// A seed far longer than any question-answer pair a model is asked about: a file joined without
// newlines, a pasted log, a base64 blob. It is still a seed (the person may mean it), but every
// request made from it would be refused as longer than the model's context window, so the line
// gets a warning. Counted in characters, because tokens need a tokenizer and the reader has none.

/**
 * 400,000 characters: about 100,000 tokens at the ~4 characters a token of English text (a run
 * of one letter packs up to 8 a token), near or past the context window of most models (128k
 * tokens for GPT-4o) once the prompt and the answer's room are added.
 */
export const LONG_SEED_CHARS = 400_000;

export function longSeedMessage(characters: number): string {
  return `very long seed: ${characters.toLocaleString('en-US')} characters in its question and answer, more than most models' context window holds; requests made from it are likely to be refused`;
}
