// Reads the augmenter's structured output (rephrasings, new questions) from a ChatResult. The
// JSON is parsed tolerantly; the shape is read tolerantly too (a bare array, items given as
// plain strings, "yes"/"no" for booleans), because a usable question should not be lost to a
// formatting slip. What cannot be read becomes flags for the sample that reports it.
import type { ChatResult } from '../model/chat.ts';
import type { SampleFlag } from '../samples/sample.ts';
import { looksLikeRefusal, refusalOf } from './parseAnswer.ts';
import { parseLooseJson } from './parseJson.ts';

export type AugmenterReading<T> =
  | { readonly ok: true; readonly items: readonly T[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly flags: readonly SampleFlag[]; readonly notes: readonly string[] };

export interface NewQuestionItem {
  readonly question: string;
  /** The augmenter's own check; null when it gave none. */
  readonly answerable: boolean | null;
  readonly reason: string;
}

export function readRephrasings(result: ChatResult): AugmenterReading<string> {
  return readStructured(result, 'rephrasings', (item) => textOf(item, ['rephrasing', 'question', 'text']));
}

export function readNewQuestions(result: ChatResult): AugmenterReading<NewQuestionItem> {
  return readStructured(result, 'questions', (item): NewQuestionItem | undefined => {
    const question = textOf(item, ['question', 'text']);
    if (question === undefined) return undefined;
    if (typeof item !== 'object' || item === null) return { question, answerable: null, reason: '' };
    const record = item as Record<string, unknown>;
    const answerable = booleanOf(record.answerable);
    // A batched check that also says "not well formed" means the same for our purpose.
    const wellFormed = booleanOf(record.well_formed);
    const reason = typeof record.reason === 'string' ? record.reason.trim() : '';
    return { question, answerable: answerable === false || wellFormed === false ? false : answerable, reason };
  });
}

function readStructured<T>(result: ChatResult, listKey: string, readItem: (item: unknown) => T | undefined): AugmenterReading<T> {
  const truncated = result.finishReason === 'length';
  const withCut = (flags: SampleFlag[]): SampleFlag[] => (truncated ? [...flags, 'truncated'] : flags);
  const refusal = refusalOf(result);
  if (refusal !== null) return { ok: false, flags: withCut(['refusal']), notes: [`The augmenter refused: ${refusal}`] };
  const text = result.content;
  if (text.trim() === '') return { ok: false, flags: withCut(['empty']), notes: ['The augmenter returned no text.'] };
  const parsed = parseLooseJson(text);
  if (!parsed.ok) {
    if (looksLikeRefusal(text)) return { ok: false, flags: withCut(['refusal']), notes: [`The augmenter refused: ${excerpt(text)}`] };
    return { ok: false, flags: withCut(['malformed']), notes: [`${parsed.reason} The augmenter wrote: ${excerpt(text)}`] };
  }
  const list = listOf(parsed.value, listKey);
  if (list === undefined) {
    return { ok: false, flags: withCut(['malformed']), notes: [`The augmenter's JSON has no "${listKey}" list. It wrote: ${excerpt(text)}`] };
  }
  const items: T[] = [];
  let unreadable = 0;
  for (const raw of list) {
    const item = readItem(raw);
    if (item === undefined) unreadable++;
    else items.push(item);
  }
  const notes: string[] = [];
  if (parsed.repaired) notes.push('The augmenter did not send plain JSON; it was read from the surrounding text.');
  if (unreadable > 0) notes.push(`${unreadable} item(s) of the augmenter's list had no text and were skipped.`);
  if (truncated) notes.push('The augmenter hit its token limit after the JSON.');
  return { ok: true, items, notes };
}

/** The list under `key`, a bare array, or the only array property of an object. */
function listOf(value: unknown, key: string): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const named = record[key];
  if (Array.isArray(named)) return named;
  const arrays = Object.values(record).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}

function textOf(item: unknown, keys: readonly string[]): string | undefined {
  if (typeof item === 'string') return item.trim();
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string') return value.trim();
  }
  return undefined;
}

function booleanOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes') return true;
    if (v === 'false' || v === 'no') return false;
  }
  return null;
}

const EXCERPT_CHARS = 300;

function excerpt(text: string): string {
  const t = text.trim();
  return t.length <= EXCERPT_CHARS ? JSON.stringify(t) : `${JSON.stringify(t.slice(0, EXCERPT_CHARS))}…`;
}

/**
 * The questions one augmenter call gave, held to the `count` asked for: a failed or empty
 * reading becomes the flags of the one sample that records the call; extra or missing items are
 * explained in notes (they describe the call, so they go with its first sample).
 */
export function takeBatch<T>(reading: AugmenterReading<T>, count: number, noun: string): AugmenterReading<T> {
  if (!reading.ok) return reading;
  const items = reading.items.slice(0, count);
  const notes = [...reading.notes];
  if (reading.items.length > count) notes.push(`The augmenter wrote ${reading.items.length} ${noun}; the first ${count} were used.`);
  if (items.length < count) notes.push(`Asked for ${count} ${noun}, the augmenter wrote ${items.length}.`);
  return items.length === 0 ? { ok: false, flags: ['empty'], notes } : { ok: true, items, notes };
}
