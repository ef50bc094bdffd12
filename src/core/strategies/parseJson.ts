// Tolerant JSON reading for structured output. Endpoints that ignore response_format still tend
// to send the JSON, but wrapped in prose or a ```json fence, as a bare array, or with trailing
// commas. What this accepts is deliberately narrow: text that is JSON once the wrapping is cut
// off and trailing commas are dropped. Anything else (single quotes, a cut-off object) is
// malformed: guessing further risks reading the wrong thing as the model's answer.
import { parse as parseJsonc } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';

export type LooseJson =
  | { readonly ok: true; readonly value: unknown; /** The text needed more than JSON.parse. */ readonly repaired: boolean }
  | { readonly ok: false; readonly reason: string };

/** How many top-level JSON-looking spans of prose are tried before giving up. */
const MAX_SPANS = 20;

export function parseLooseJson(text: string): LooseJson {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'The output is empty.' };
  const strict = tryStrict(trimmed);
  if (strict.ok) return { ok: true, value: strict.value, repaired: false };
  for (const candidate of [trimmed, ...fencedBlocks(trimmed), ...topLevelSpans(trimmed)]) {
    const value = tryStrict(candidate);
    if (value.ok) return { ok: true, value: value.value, repaired: true };
    const lenient = tryTrailingCommas(candidate);
    if (lenient.ok) return { ok: true, value: lenient.value, repaired: true };
  }
  return { ok: false, reason: 'The output is not JSON, and no JSON object or array was found in it.' };
}

type Attempt = { ok: true; value: unknown } | { ok: false };

function tryStrict(text: string): Attempt {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Trailing commas (and comments) allowed, nothing else: any other error rejects the text. */
function tryTrailingCommas(text: string): Attempt {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return { ok: false };
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false }) as unknown;
  return errors.length === 0 ? { ok: true, value } : { ok: false };
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[A-Za-z0-9_-]*[^\S\n]*\n?([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());
}

/**
 * Balanced {…} / […] spans that are not inside another span, in order. A span that never closes
 * ends the search: everything after its start belongs to a cut-off structure, and an inner array
 * of a broken object is not the answer.
 */
function topLevelSpans(text: string): string[] {
  const spans: string[] = [];
  let i = 0;
  while (i < text.length && spans.length < MAX_SPANS) {
    const c = text[i];
    if (c !== '{' && c !== '[') {
      i++;
      continue;
    }
    const end = matchingClose(text, i);
    if (end === 'unterminated') break;
    if (end === 'mismatched') {
      i++;
      continue;
    }
    spans.push(text.slice(i, end + 1));
    i = end + 1;
  }
  return spans;
}

function matchingClose(text: string, start: number): number | 'unterminated' | 'mismatched' {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return 'mismatched';
      if (stack.length === 0) return i;
    }
  }
  return 'unterminated';
}
