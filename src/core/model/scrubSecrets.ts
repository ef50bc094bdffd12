// Text a server sent (an error body, a message) can quote the API key: whole, shortened the way
// dashboards shorten keys ("sk-…wxyz0123"), or inside the Authorization header it saw. Every
// place where such text enters an error, the journal or a log passes it through this one
// function first, so no part of a key is stored or shown.

const REDACTED = '[redacted]';

/** A run of this many characters of the key is treated as the key (shorter runs are common words). */
export const KEY_RUN_LENGTH = 8;

/** Things shaped like a credential, whoever's key they are. */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  // Bearer tokens, with or without the scheme's capital.
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
  // OpenAI-style keys and their masked forms: sk-..., sk-proj-..., rk-..., "sk-…-0123...".
  [/\b(?:sk|rk|pk)-[^\s"',;)]*/g, REDACTED],
  // Keys passed as query or form parameters.
  [/\b(api[-_]?key|access[-_]?token|token|key)=[^&\s"',;]+/gi, `$1=${REDACTED}`],
];

/**
 * `text` without any run of KEY_RUN_LENGTH or more characters of `key` (the whole key too, when
 * it is shorter) and without anything shaped like a key. `key` may be '' (no key to look for).
 */
export function scrubSecrets(text: string, key = ''): string {
  let out = key.length >= KEY_RUN_LENGTH ? removeKeyRuns(text, key) : key.length >= 4 ? text.split(key).join(REDACTED) : text;
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** Marks every character covered by a window of KEY_RUN_LENGTH that also occurs in the key. */
function removeKeyRuns(text: string, key: string): string {
  const windows = new Set<string>();
  for (let i = 0; i + KEY_RUN_LENGTH <= key.length; i++) windows.add(key.slice(i, i + KEY_RUN_LENGTH));
  const covered = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + KEY_RUN_LENGTH <= text.length; i++) {
    if (!windows.has(text.slice(i, i + KEY_RUN_LENGTH))) continue;
    covered.fill(1, i, i + KEY_RUN_LENGTH);
    any = true;
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (covered[i] === 1) {
      while (i < text.length && covered[i] === 1) i++;
      out += REDACTED;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}
