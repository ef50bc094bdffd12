// `{{name}}` markers in template text. Whitespace inside the braces is allowed so that
// `{{ question }}` in a hand-written override means what its author meant.

export interface PlaceholderUse {
  readonly name: string;
  /** UTF-16 offset of the opening braces in the text. */
  readonly index: number;
  readonly length: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function findPlaceholders(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', index: m.index, length: m[0].length }));
}

/**
 * Replaces every placeholder in one pass, so a value that itself contains `{{…}}` (seed text
 * may) is inserted as it is and never expanded again. `fill` returns undefined to keep a marker.
 */
export function replacePlaceholders(text: string, fill: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => fill(name) ?? whole);
}
