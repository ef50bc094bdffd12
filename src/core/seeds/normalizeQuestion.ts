// A run of whitespace, or one whitespace character that is not a plain space.
const ODD_WHITESPACE = /\s{2,}|[^\S ]/g;

/** The form in which two questions count as the same: trimmed, whitespace collapsed, case-folded. */
export function normalizeQuestion(question: string): string {
  return question.trim().replace(ODD_WHITESPACE, ' ').toLowerCase();
}
