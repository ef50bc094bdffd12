// Text helpers shared by the task writers: numbers, sentence splitting, normalisation.

/** Numbers as written ("1,200", "3.5", "-4"); "$" and "%" are left out. */
export function numbersIn(text: string): string[] {
  return text.match(/(?<!\w)-?\d[\d,]*(?:\.\d+)?/g)?.map((n) => n.replace(/,$/, '')) ?? [];
}

export function toNumber(written: string): number {
  return Number(written.replace(/,/g, ''));
}

/** Formats a computed value the way GSM8K writes final answers: no separators, at most 2 decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** Key for the gold registry: case, spacing and trailing punctuation do not make a new question. */
export function normalizeQuestion(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s.?!]+$/, '');
}

/**
 * The final answer of a gold answer: the text after the last "####" when present (GSM8K),
 * else the last number, else the whole trimmed text.
 */
export function finalAnswerOf(answer: string | number): string {
  if (typeof answer === 'number') return formatNumber(answer);
  const marker = answer.lastIndexOf('####');
  if (marker >= 0) return answer.slice(marker + 4).trim().replace(/,/g, '');
  const nums = numbersIn(answer);
  const last = nums[nums.length - 1];
  return last !== undefined ? last.replace(/,/g, '') : answer.trim();
}

/** Splits prose into sentences, keeping their end punctuation; decimals like 2.5 stay whole. */
export function sentencesOf(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.?!])\s+(?=[A-Z$"'(\d])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sorted multiset of numbers, to check that a rewording kept every quantity. */
export function numberSignature(text: string): string {
  return numbersIn(text).map((n) => n.replace(/,/g, '')).sort().join('|');
}
