// Checks on a teacher's answer that need no gold answer: did the model answer at all, was it cut
// off, does it end with a final answer a checker can read. The result becomes sample flags; a
// flagged sample is still kept with whatever text came back.
import type { ChatResult } from '../model/chat.ts';
import type { SampleFlag } from '../samples/sample.ts';

/**
 * The final answer the text commits to, or null: the last `#### x` line (GSM8K style), else the
 * last `\boxed{x}`, else a last line saying "The answer is x".
 */
export function finalAnswerOf(text: string): string | null {
  const hashes = [...text.matchAll(/^[^\S\n]*####[^\S\n]*(\S[^\n]*?)[^\S\n]*$/gm)];
  const lastHash = hashes[hashes.length - 1]?.[1];
  if (lastHash !== undefined) return lastHash;
  const boxed = lastBoxed(text);
  if (boxed !== null) return boxed;
  const lines = text.split(/\r\n?|\n/).filter((l) => l.trim() !== '');
  const last = lines[lines.length - 1] ?? '';
  const said = /\banswer\s+is\s*[:-]?\s*(.*\S)/i.exec(last);
  const value = said?.[1]?.replace(/[.\s]+$/, '').trim();
  return value ? value : null;
}

/** Content of the last \boxed{…}, braces balanced; null when there is none or it is empty. */
function lastBoxed(text: string): string | null {
  const start = text.lastIndexOf('\\boxed{');
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + '\\boxed'.length; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) {
      const inner = text.slice(start + '\\boxed{'.length, i).trim();
      return inner === '' ? null : inner;
    }
  }
  return null;
}

// Only the opening is read: "I cannot" deep inside a worked solution ("I cannot divide by zero,
// so …") is reasoning, not a refusal.
const OPENING_CHARS = 200;
const REFUSAL_OPENINGS: readonly RegExp[] = [
  /\bI\s+(?:can(?:not|['’]t| not)|won['’]t|am\s+(?:unable|not\s+able)\s+to|['’]m\s+(?:unable|not\s+able)\s+to)\b/i,
  /\bas\s+an\s+AI\b/i,
  /^\s*(?:I['’]m|I\s+am)\s+sorry\b/i,
];

/** Refusal phrasing at the start of a text that gives no final answer. */
export function looksLikeRefusal(text: string): boolean {
  const opening = text.trim().slice(0, OPENING_CHARS);
  return REFUSAL_OPENINGS.some((re) => re.test(opening)) && finalAnswerOf(text) === null;
}

/** The refusal text of a result, from the refusal field or from the content's phrasing. */
export function refusalOf(result: ChatResult): string | null {
  if (result.refusal !== null && result.refusal.trim() !== '') return result.refusal.trim();
  if (result.finishReason === 'content_filter') return 'The endpoint filtered the content (finish_reason "content_filter").';
  return null;
}

/**
 * Flags for a plain-text answer, in a fixed order. `kind` is the prompt's answer kind
 * (profileLineage): only a numeric answer with a marker must end with a final answer; the other
 * kinds have their own checks (checks/kinds).
 */
export function answerFlags(result: ChatResult, kind = 'numeric:####'): SampleFlag[] {
  const flags: SampleFlag[] = [];
  const text = result.content;
  const refused = refusalOf(result) !== null || (text.trim() !== '' && looksLikeRefusal(text));
  if (refused) flags.push('refusal');
  else if (text.trim() === '') flags.push('empty');
  if (result.finishReason === 'length') flags.push('truncated');
  const marked = kind.startsWith('numeric:') && kind !== 'numeric:none';
  if (marked && !refused && text.trim() !== '' && finalAnswerOf(text) === null) flags.push('no-final-answer');
  return flags;
}
