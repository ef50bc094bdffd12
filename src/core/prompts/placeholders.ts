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
 * `fill` is called once per marker, in text order (so the first missing value is the one a
 * throwing fill reports).
 */
export function replacePlaceholders(text: string, fill: (name: string) => string | undefined): string {
  const { literals, markers } = splitAtPlaceholders(text);
  let out = literals[0]!;
  for (let i = 0; i < markers.length; i++) {
    const marker = markers[i]!;
    out += (fill(marker.name) ?? marker.whole) + literals[i + 1]!;
  }
  return out;
}

/** A text cut at its markers: literals[i] comes before markers[i], and one more literal ends it. */
interface SplitText {
  readonly literals: readonly string[];
  readonly markers: readonly { readonly name: string; readonly whole: string }[];
}

/**
 * Every request renders the same few template texts, and scanning them with the regular
 * expression each time was a measurable part of the client's CPU per request; so each text is
 * cut once. Bounded, since preview renders texts a person is still editing.
 */
const splits = new Map<string, SplitText>();
const MAX_SPLITS = 256;

function splitAtPlaceholders(text: string): SplitText {
  const known = splits.get(text);
  if (known) return known;
  const literals: string[] = [];
  const markers: { name: string; whole: string }[] = [];
  let from = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(from, m.index));
    markers.push({ name: m[1] ?? '', whole: m[0] });
    from = m.index + m[0].length;
  }
  literals.push(text.slice(from));
  const split = { literals, markers };
  if (splits.size >= MAX_SPLITS) splits.clear();
  splits.set(text, split);
  return split;
}
