// Word-level difference between a seed question and its rephrasing, so the card can highlight
// what the augmenter changed. LCS over words: questions are short, so O(n·m) is fine.

export interface DiffPart {
  readonly text: string;
  readonly changed: boolean;
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter((w) => w !== '');
  const b = after.split(/(\s+)/).filter((w) => w !== '');
  if (a.length * b.length > 250_000) return [{ text: after, changed: false }];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? ((lcs[i + 1] as number[])[j + 1] as number) + 1 : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  const push = (text: string, changed: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last.changed === changed) parts[parts.length - 1] = { text: last.text + text, changed };
    else parts.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      push(b[j] as string, false);
      i++;
      j++;
    } else if (i < a.length && ((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number)) {
      i++;
    } else {
      const word = b[j] as string;
      push(word, word.trim() !== '');
      j++;
    }
  }
  return parts;
}
