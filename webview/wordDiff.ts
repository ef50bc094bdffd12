// Word-level difference between a seed question and its rephrasing, so the card shows what the
// augmenter changed: words it added, and words it dropped (a number, a phrase, a schema line),
// which are what a reviewer must catch. LCS over words: questions are short, so O(n·m) is fine.

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  readonly text: string;
  readonly kind: DiffKind;
}

/** Beyond this many word pairs the diff is not worth its time: the question is shown as is. */
const MAX_CELLS = 250_000;

interface Word {
  readonly word: string;
  /** The whitespace after it, as written. */
  readonly space: string;
}

function words(text: string): { lead: string; words: Word[] } {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const out: Word[] = [];
  for (const match of text.slice(lead.length).matchAll(/(\S+)(\s*)/g)) out.push({ word: match[1] ?? '', space: match[2] ?? '' });
  return { lead, words: out };
}

/**
 * The rephrasing as parts: unchanged, added and removed text in reading order (a replaced word
 * shows its old form first). Joined, the parts that are not `removed` give `after` back exactly.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before).words;
  const { lead, words: b } = words(after);
  if (a.length * b.length > MAX_CELLS) return [{ text: after, kind: 'same' }];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i]?.word === b[j]?.word ? ((lcs[i + 1] as number[])[j + 1] as number) + 1 : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  // Whitespace between two words of the same kind belongs to that run, so "12 pencils" shows as
  // one removal rather than two; whitespace next to an unchanged word is unchanged.
  const push = (word: string, space: string, kind: DiffKind) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) parts[parts.length - 1] = { text: last.text + word, kind };
    else parts.push({ text: word, kind });
    // A removed word is always followed by a space, or it would run into the next word shown.
    if (space !== '' || kind === 'removed') pendingSpace = { space: space || ' ', kind };
  };
  let pendingSpace: { space: string; kind: DiffKind } | undefined;
  const flushSpace = (next: DiffKind) => {
    if (!pendingSpace) return;
    const { space, kind } = pendingSpace;
    pendingSpace = undefined;
    const last = parts[parts.length - 1];
    // Removed words keep a plain space after them: their own line break would reshape the question.
    const text = kind === 'removed' ? ' ' : space;
    const spaceKind: DiffKind = kind === next ? kind : kind === 'removed' ? 'removed' : 'same';
    if (last && last.kind === spaceKind) parts[parts.length - 1] = { text: last.text + text, kind: spaceKind };
    else parts.push({ text, kind: spaceKind });
  };
  if (lead !== '') parts.push({ text: lead, kind: 'same' });
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ai = a[i];
    const bj = b[j];
    let kind: DiffKind;
    let word: Word;
    if (ai && bj && ai.word === bj.word) {
      kind = 'same';
      word = bj;
      i++;
      j++;
    } else if (ai && (!bj || ((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number))) {
      kind = 'removed';
      word = ai;
      i++;
    } else {
      kind = 'added';
      word = bj as Word;
      j++;
    }
    flushSpace(kind);
    const last = parts[parts.length - 1];
    // A word removed right after the last word of `after` (which has no space after it) needs one.
    const gap = kind === 'removed' && last && last.kind !== 'removed' && !/\s$/.test(last.text) ? ' ' : '';
    push(gap + word.word, word.space, kind);
  }
  // The removed text's space is not part of `after`; anything else left is its trailing space.
  if (pendingSpace && pendingSpace.kind !== 'removed') {
    const tail = pendingSpace.space;
    pendingSpace = undefined;
    const last = parts[parts.length - 1];
    if (last && last.kind === 'same') parts[parts.length - 1] = { text: last.text + tail, kind: 'same' };
    else parts.push({ text: tail, kind: 'same' });
  }
  return parts;
}
