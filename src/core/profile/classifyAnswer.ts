// The kind of one answer. Tried from the most to the least specific shape, so a JSON object that
// happens to contain a number is json, a fenced query is sql, and only what is nothing else is
// text. `short` answers (one short line) become labels or text only at the file level, where it is
// known whether they come from a small closed set.
import { answerValue } from '../checks/answerValue.ts';
import { codeBlocks, guessLanguage, wholeFence } from './codeBlocks.ts';
import { markerOf } from './numericMarker.ts';
import { looksLikeSqlOpening, readSql } from './sqlStatement.ts';
import type { NumericMarker } from './types.ts';

export type AnswerShape =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'sql'; readonly fenced: boolean }
  | { readonly kind: 'code'; readonly language: string | null; readonly fenced: boolean }
  | { readonly kind: 'numeric'; readonly marker: NumericMarker }
  | { readonly kind: 'short'; readonly label: string }
  | { readonly kind: 'text' };

/** Longest answer that may be a label: one line, a few words ("not_entailment", "Sports & Leisure"). */
const LABEL_MAX_CHARS = 60;
const LABEL_MAX_WORDS = 6;
/** Longest bare answer read as a number ("$1,200.50", "3/4", "50%"). */
const BARE_NUMBER_MAX_CHARS = 40;
/** A bare number leads with it ("18 dollars", "-3/4", "$5"); "Room 3" is a name, not a number. */
const BARE_NUMBER_START = /^[-+−$€£¥₹]?\s?[\d.]/;

/**
 * How to decide an answer that opens like a SQL statement: parse it (exact, ~0.2 ms), or, on big
 * files past a sample that was parsed, take the opening as the answer (`assume`) or not (`skip`).
 */
export type SqlDecision = 'parse' | 'assume' | 'skip';

/** Longer answers are text without a closer look: a bound on the work per seed (the reader already warns about such seeds). */
export const MAX_CLASSIFIED_CHARS = 100_000;

export function classifyAnswer(answer: string, sql: SqlDecision = 'parse'): AnswerShape {
  if (answer.length > MAX_CLASSIFIED_CHARS) return { kind: 'text' };
  const text = answer.trim();
  const first = text.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) {
    const value = parseJson(text);
    if (value !== undefined) return { kind: 'json', value };
  }
  const fence = wholeFence(text);
  if (fence) {
    if (fence.language === 'json') {
      const value = parseJson(fence.body.trim());
      if (value !== undefined) return { kind: 'json', value };
    }
    if ((fence.language === 'sql' || fence.language === null) && isSql(fence.body.trim(), sql)) return { kind: 'sql', fenced: true };
    return { kind: 'code', language: fence.language ?? guessLanguage(fence.body), fenced: true };
  }
  if (isSql(text, sql)) return { kind: 'sql', fenced: false };
  const marker = markerOf(text);
  if (marker !== null) return { kind: 'numeric', marker };
  const blocks = codeBlocks(text);
  if (blocks.length > 0) return { kind: 'code', language: blocks[0]?.language ?? guessLanguage(blocks[0]?.body ?? ''), fenced: true };
  const oneLine = !text.includes('\n');
  if (oneLine && text.length <= BARE_NUMBER_MAX_CHARS && BARE_NUMBER_START.test(text) && answerValue(text).kind === 'number') return { kind: 'numeric', marker: 'none' };
  if (oneLine && text.length <= LABEL_MAX_CHARS && text.split(/\s+/).length <= LABEL_MAX_WORDS && !/[.!?]\s/.test(text)) return { kind: 'short', label: text };
  const language = text.includes('\n') ? guessLanguage(text) : null;
  if (language !== null) return { kind: 'code', language, fenced: false };
  return { kind: 'text' };
}

function isSql(text: string, decision: SqlDecision): boolean {
  if (decision === 'skip' || !looksLikeSqlOpening(text)) return false;
  return decision === 'assume' || readSql(text).ok;
}

function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
