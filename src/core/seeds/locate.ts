// Positions inside a line that JSON.parse accepted: JSON.parse keeps none, so the few lines that
// need one (a bad field, a repeated question) are parsed again into a tree.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { JSONPath } from 'jsonc-parser';

export interface Span {
  /** UTF-16 offset within the line. */
  readonly offset: number;
  readonly length: number;
}

/** The value at `path`, or the object's opening brace when `path` is empty or leads nowhere. */
export function locateValue(text: string, path: JSONPath): Span {
  const root = parseTree(text);
  if (!root) return { offset: firstNonSpace(text), length: 1 };
  const node = path.length > 0 ? findNodeAtLocation(root, path) : undefined;
  return node ? { offset: node.offset, length: node.length } : { offset: root.offset, length: 1 };
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
