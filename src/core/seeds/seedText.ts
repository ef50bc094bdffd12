// What counts as text in a seed field. Lenient where the intent is clear (a numeric answer,
// chat content given as text parts), strict otherwise.

/**
 * A field's text: a string, a finite number, or an array of `{type: 'text', text}` parts (joined
 * with newlines; other part types such as images are skipped). undefined when it is none of these.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (Array.isArray(value)) return textOfParts(value);
  return undefined;
}

function textOfParts(parts: readonly unknown[]): string | undefined {
  let text: string | undefined;
  for (const part of parts) {
    if (typeof part !== 'object' || part === null || !('type' in part)) return undefined;
    if (part.type !== 'text') continue;
    if (!('text' in part) || typeof part.text !== 'string') return undefined;
    text = text === undefined ? part.text : `${text}\n${part.text}`;
  }
  return text ?? '';
}

/** Empty or only whitespace, without allocating a trimmed copy. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 0xa0 && c !== 0xfeff) {
      return c > 0x7f ? text.trim().length === 0 : false;
    }
  }
  return true;
}

/** "an object", "a boolean", … for messages about a value of the wrong kind. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'boolean':
      return `${value}`;
    case 'number':
      return 'not a finite number';
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}
