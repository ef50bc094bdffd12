// Positions inside a line that JSON.parse accepted: JSON.parse keeps none, so the few lines that
// need one (a bad field, a repeated question) are scanned again for the value at a path. The scan
// keeps the open containers in an explicit stack rather than recursing (jsonc-parser's parseTree
// recurses once per level and overflows the stack on a line nested a few thousand levels deep).
import { createScanner } from 'jsonc-parser';
import type { JSONPath } from 'jsonc-parser';
import { OpenBrace, CloseBrace, OpenBracket, CloseBracket, Comma, Colon, StringLiteral, LineBreak, Trivia, EOF } from './jsonTokenKinds.ts';

export interface Span {
  /** UTF-16 offset within the line. */
  readonly offset: number;
  readonly length: number;
}

interface Frame {
  readonly kind: '{' | '[';
  /** This container is the value at the first `depth` segments of the path. */
  readonly onPath: boolean;
  /** This container is the value at the whole path; its span ends at its closing bracket. */
  readonly target: boolean;
  readonly offset: number;
  /** The next element's index (arrays). */
  index: number;
  /** The current member's key (objects); undefined while a key is expected. */
  key: string | undefined;
}

/** The value at `path`, or the object's opening brace when `path` is empty or leads nowhere. */
export function locateValue(text: string, path: JSONPath): Span {
  const root = firstNonSpace(text);
  if (path.length === 0) return { offset: root, length: 1 };
  return findValue(text, path) ?? { offset: root, length: 1 };
}

/** The span of the value at `path` in valid JSON `text`; the last one when a key repeats, as JSON.parse keeps the last. */
function findValue(text: string, path: JSONPath): Span | undefined {
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  let found: Span | undefined;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === Trivia || token === LineBreak || token === Colon) continue;
    const parent = stack.at(-1);
    if (token === Comma) {
      if (parent?.kind === '{') parent.key = undefined;
      continue;
    }
    if (token === CloseBrace || token === CloseBracket) {
      const done = stack.pop();
      if (done?.target) found = { offset: done.offset, length: scanner.getTokenOffset() + 1 - done.offset };
      continue;
    }
    if (parent?.kind === '{' && parent.key === undefined && token === StringLiteral) {
      parent.key = scanner.getTokenValue();
      continue;
    }
    // A value: is it the one at the path, or on the way there?
    const depth = stack.length;
    const onPath = parent === undefined || (parent.onPath && depth <= path.length && segmentMatches(parent, path[depth - 1]));
    if (parent?.kind === '[') parent.index++;
    const target = onPath && depth === path.length;
    if (token === OpenBrace || token === OpenBracket) {
      stack.push({ kind: token === OpenBrace ? '{' : '[', onPath, target, offset: scanner.getTokenOffset(), index: 0, key: undefined });
    } else if (target) {
      found = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
    }
  }
  return found;
}

function segmentMatches(parent: Frame, segment: string | number | undefined): boolean {
  return parent.kind === '[' ? segment === parent.index : segment === parent.key;
}

export function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}
