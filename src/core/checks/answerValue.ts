// Final answers as values that can be compared: "$1,200.50", "1200.5 dollars" and "\boxed{1200.50}"
// are the same number; "3/4" is 0.75; "50%" is 50 (and matches 0.5). Extraction of the final
// answer itself is the strategies' finalAnswerOf (one definition of "the final answer" for flags
// and checks alike); this file only adds the last-number fallback and the normalisation.
import { finalAnswerOf } from '../strategies/parseAnswer.ts';

export type AnswerValue =
  | { readonly kind: 'number'; readonly value: number; readonly percent: boolean }
  | { readonly kind: 'text'; readonly text: string };

export interface ExtractedAnswer {
  /** The answer as written (after `####`, inside `\boxed{}`, after "The answer is", or the last number). */
  readonly raw: string;
  /** marked: the text commits to it explicitly; last-number: a guess from the last number in the text. */
  readonly how: 'marked' | 'last-number';
  readonly value: AnswerValue;
}

// A number as written: optional sign, digits with optional decimals (thousands separators are
// removed before this is used).
const NUMBER = /[-+]?(?:\d+(?:\.\d+)?|\.\d+)/g;
const LAST_NUMBER = /(?:(?<![\w)])-)?\$?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?%?/g;

/** The final answer a text commits to, or failing that (when allowed) its last number. */
export function extractAnswer(text: string, options: { readonly lastNumber?: boolean } = {}): ExtractedAnswer | null {
  const marked = finalAnswerOf(text);
  if (marked !== null) return { raw: marked, how: 'marked', value: answerValue(marked) };
  if (!options.lastNumber) return null;
  const numbers = [...text.matchAll(LAST_NUMBER)];
  const last = numbers[numbers.length - 1]?.[0]?.trim();
  return last ? { raw: last, how: 'last-number', value: answerValue(last) } : null;
}

/** The gold answer of a seed: its marked final answer, or the whole answer when it is short enough to be one ("72", "Paris"). */
export function goldAnswer(answer: string): ExtractedAnswer | null {
  const marked = finalAnswerOf(answer);
  if (marked !== null) return { raw: marked, how: 'marked', value: answerValue(marked) };
  const whole = answer.trim();
  if (whole !== '' && whole.length <= 40 && !whole.includes('\n')) return { raw: whole, how: 'marked', value: answerValue(whole) };
  return null;
}

const UNICODE_FRACTIONS: Readonly<Record<string, string>> = { '½': ' 1/2', '¼': ' 1/4', '¾': ' 3/4', '⅓': ' 1/3', '⅔': ' 2/3' };

/** Strips LaTeX wrappers, currency, units and thousands separators; a single number (or fraction) becomes a number. */
export function answerValue(raw: string): AnswerValue {
  let s = raw
    .trim()
    .replace(/\\(?:text|textbf|mathrm|mbox|operatorname)\s*\{([^{}]*)\}/g, ' $1 ')
    .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(?:left|right|displaystyle)\b/g, '')
    .replace(/\\%/g, '%')
    .replace(/\\\$/g, '$')
    .replace(/\\[,;:! ]/g, '')
    .replace(/\^\s*\{?\\circ\}?/g, ' degrees')
    .replace(/[½¼¾⅓⅔]/g, (c) => UNICODE_FRACTIONS[c] ?? c)
    .replace(/[−–]/g, '-')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/\s+/g, ' ').trim();
  const numbers = s.match(NUMBER) ?? [];
  const rest = s.replace(NUMBER, '#');
  const percent = /%|\bper\s?cent\b/i.test(rest);
  // Around the number only words (units), currency, percent and light punctuation may remain.
  const unitish = /^[\s\p{L}$€£¥₹%.,:;=~≈()'"*]*$/u;
  const [before = '', ...after] = rest.split('#');
  const around = before + after.join('#');
  let value: number | null = null;
  if (numbers.length === 1 && unitish.test(around)) value = Number(numbers[0]);
  else if (numbers.length === 2 && /^[^#]*#\s*\/\s*#[^#]*$/.test(rest) && unitish.test(rest.replace(/#\s*\/\s*#/, ''))) value = fraction(numbers[0], numbers[1]);
  else if (numbers.length === 3 && /^[^#]*#\s+#\s*\/\s*#[^#]*$/.test(rest) && unitish.test(rest.replace(/#\s+#\s*\/\s*#/, ''))) {
    const whole = Number(numbers[0]);
    const part = fraction(numbers[1], numbers[2]);
    value = part === null ? null : whole < 0 || Object.is(whole, -0) ? whole - part : whole + part;
  }
  if (value !== null && Number.isFinite(value)) return { kind: 'number', value, percent };
  return { kind: 'text', text: s.toLowerCase().replace(/^["'`]+|["'`.!]+$/g, '').trim() };
}

function fraction(top: string | undefined, bottom: string | undefined): number | null {
  const b = Number(bottom);
  return b === 0 ? null : Number(top) / b;
}

export type Comparison = 'match' | 'mismatch' | 'not-comparable';

/** Numbers compare as numbers (a percentage also matches its fraction), texts as normalised text, a number and a text not at all. */
export function compareAnswers(a: AnswerValue, b: AnswerValue): Comparison {
  if (a.kind === 'number' && b.kind === 'number') {
    if (close(a.value, b.value)) return 'match';
    if (a.percent !== b.percent && close(a.percent ? a.value / 100 : a.value, b.percent ? b.value / 100 : b.value)) return 'match';
    return 'mismatch';
  }
  if (a.kind === 'text' && b.kind === 'text') return a.text === b.text ? 'match' : 'mismatch';
  return 'not-comparable';
}

function close(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

/** How a value reads in a detail line. */
export function showValue(value: AnswerValue): string {
  return value.kind === 'number' ? `${formatNumber(value.value)}${value.percent ? '%' : ''}` : JSON.stringify(value.text);
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}
