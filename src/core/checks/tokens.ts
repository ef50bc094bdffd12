// Word tokens for duplicate detection: lower-cased runs of letters and digits, everything else a
// separator. Close to the rouge_score tokenizer Self-Instruct used (which keeps only [a-z0-9]),
// but keeps letters of every script so non-English seeds are compared too.
const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The form two texts share when they are exact duplicates: the tokens, one space apart (case, spacing and punctuation ignored). */
export function normalizedText(tokens: readonly string[]): string {
  return tokens.join(' ');
}
