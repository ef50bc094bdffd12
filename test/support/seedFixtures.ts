// Writes the project's own seed files for tests and benchmarks: GSM8K-style word problems
// (numbers in the question, `<<a*b=c>>` steps, a final `#### n`) of any size, always the same
// for the same index, plus a file whose bad lines and their positions are known in advance.
// Expected columns are found in the fixture's own text (indexOf a marker), never computed by
// the code under test.
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom as random } from '../../src/core/seededRandom.ts';

export interface GeneratedSeed {
  readonly question: string;
  readonly answer: string;
}

export type SeedLayout = 'question-answer' | 'instruction-output' | 'prompt-completion' | 'messages';

export interface SeedFileOptions {
  readonly layout?: SeedLayout;
  readonly eol?: '\n' | '\r\n';
  readonly bom?: boolean;
  /** Default true. */
  readonly finalNewline?: boolean;
  /** Index of the first seed (default 0), to write different seeds into different files. */
  readonly start?: number;
}


const NAMES = ['Janet', 'Ahmed', 'Mei', 'Carlos', 'Priya', 'Tomás', 'Olga', 'Kwame', 'Zoë', 'Lars'];
const ITEMS = ['apples', 'stickers', 'marbles', 'pencils', 'cupcakes', 'seashells', 'books', 'beads'];
const GOODS = ['notebook', 'sandwich', 'ticket', 'scarf', 'plant', 'toy car'];
const FILLERS = [
  'It is a sunny Saturday.',
  'The shop down the street opens at 9 a.m.',
  'Last week was the school’s spring fair.',
  'Everyone in the family loves a good puzzle.',
  'The prices have not changed since last year.',
  'This happens every month without fail.',
];

/** The seed at `index`: the same text for the same index, and no two indices share a question. */
export function gsm8kSeed(index: number): GeneratedSeed {
  const next = random(index * 2654435761 + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const name = pick(NAMES);
  // Growing with the index, this number keeps every question distinct.
  const unique = index + 2;
  const fillers = Array.from({ length: int(0, 2) }, () => pick(FILLERS)).join(' ');
  const lead = fillers ? `${fillers} ` : '';
  switch (index % 3) {
    case 0: {
      const item = pick(ITEMS);
      const packs = int(2, 9);
      const each = int(3, 12);
      const bought = packs * each;
      const total = unique + bought;
      return {
        question: `${lead}${name} has ${unique} ${item}. ${name} buys ${packs} packs with ${each} ${item} in each pack. How many ${item} does ${name} have now?`,
        answer: `${name} buys ${packs} * ${each} = <<${packs}*${each}=${bought}>>${bought} ${item}.\nNow ${name} has ${unique} + ${bought} = <<${unique}+${bought}=${total}>>${total} ${item}.\n#### ${total}`,
      };
    }
    case 1: {
      const good = pick(GOODS);
      const price = int(2, 40);
      const cost = unique * price;
      const paid = (Math.floor(cost / 100) + 1) * 100;
      const change = paid - cost;
      return {
        question: `${lead}A ${good} costs $${price}. ${name} buys ${unique} of them and pays with $${paid}. How much change, in dollars, does ${name} get back?`,
        answer: `The ${good}s cost ${unique} * ${price} = $<<${unique}*${price}=${cost}>>${cost}.\nThe change is ${paid} - ${cost} = $<<${paid}-${cost}=${change}>>${change}.\n#### ${change}`,
      };
    }
    default: {
      const perDay = int(5, 60);
      const days = unique * 7;
      const pages = perDay * days;
      return {
        question: `${lead}${name} reads ${perDay} pages every day. How many pages does ${name} read in ${unique} weeks?`,
        answer: `${unique} weeks is ${unique} * 7 = <<${unique}*7=${days}>>${days} days.\n${name} reads ${perDay} * ${days} = <<${perDay}*${days}=${pages}>>${pages} pages.\n#### ${pages}`,
      };
    }
  }
}

/** The seed as a record of the given layout (what one line holds). */
export function seedRecord(seed: GeneratedSeed, layout: SeedLayout = 'question-answer'): object {
  switch (layout) {
    case 'question-answer':
      return { question: seed.question, answer: seed.answer };
    case 'instruction-output':
      return { instruction: seed.question, input: '', output: seed.answer };
    case 'prompt-completion':
      return { prompt: seed.question, completion: seed.answer };
    case 'messages':
      return {
        messages: [
          { role: 'system', content: 'Solve the problem step by step.' },
          { role: 'user', content: seed.question },
          { role: 'assistant', content: seed.answer },
        ],
      };
  }
}

export function seedLine(index: number, layout?: SeedLayout): string {
  return JSON.stringify(seedRecord(gsm8kSeed(index), layout));
}

/** A whole seed file of `count` lines, in memory. */
export function seedFileText(count: number, options: SeedFileOptions = {}): string {
  const eol = options.eol ?? '\n';
  const start = options.start ?? 0;
  const lines = Array.from({ length: count }, (_, i) => seedLine(start + i, options.layout));
  const body = lines.join(eol) + (count > 0 && (options.finalNewline ?? true) ? eol : '');
  return (options.bom ? '\uFEFF' : '') + body;
}

export type FileSize = { readonly count: number } | { readonly bytes: number };

/** Writes seeds until `count` lines or at least `bytes` bytes, in batches (files of any size). */
export async function writeSeedFile(path: string, size: FileSize, options: SeedFileOptions = {}): Promise<{ lines: number; bytes: number }> {
  const eol = options.eol ?? '\n';
  const start = options.start ?? 0;
  const file = await open(path, 'w');
  let lines = 0;
  let bytes = 0;
  const done = () => ('count' in size ? lines >= size.count : bytes >= size.bytes);
  try {
    if (options.bom) bytes += (await file.write('\uFEFF')).bytesWritten;
    while (!done()) {
      let batch = '';
      while (!done() && batch.length < 1 << 20) {
        const line = seedLine(start + lines, options.layout) + eol;
        batch += line;
        bytes += Buffer.byteLength(line);
        lines++;
      }
      await file.write(batch);
    }
    if (options.finalNewline === false && lines > 0) {
      bytes -= eol.length;
      await file.truncate(bytes);
    }
  } finally {
    await file.close();
  }
  return { lines, bytes };
}

export interface ExpectedDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly relatedLine?: number;
}

export interface BadSeedFile {
  readonly text: string;
  readonly lines: number;
  readonly blank: number;
  /** Lines that must come out as seeds, in order. */
  readonly validLines: readonly number[];
  readonly errors: readonly ExpectedDiagnostic[];
  readonly warnings: readonly ExpectedDiagnostic[];
}

interface Entry {
  readonly text: string;
  /** Expected diagnostic: its code and where it points (a marker in `text`, or 'start' for column 1 of the object). */
  readonly problem?: { readonly code: string; readonly at: string | 'start' | 'end'; readonly warning?: boolean; readonly relatedLine?: number };
}

function column(text: string, at: string): number {
  if (at === 'start') return text.search(/\S/) + 1;
  if (at === 'end') return text.length + 1;
  const index = text.indexOf(at);
  if (index < 0) throw new Error(`fixture: marker ${at} not in ${text}`);
  return index + 1;
}

/** A file with one of every error, blank lines and a repeated question, around good lines. */
export function badSeedFile(options: { readonly eol?: '\n' | '\r\n' } = {}): BadSeedFile {
  const good = (index: number) => seedLine(index);
  const repeated = gsm8kSeed(0).question;
  const entries: Entry[] = [
    { text: good(0) },
    { text: '{"question": "How many eggs?", "answer": "#### 3" "note": 1}', problem: { code: 'invalid-json', at: '"note"' } },
    { text: '' },
    { text: '[{"question": "Q", "answer": "#### 1"}]', problem: { code: 'not-an-object', at: 'start' } },
    { text: '{"answer": "#### 4"}', problem: { code: 'missing-question', at: 'start' } },
    { text: good(1) },
    { text: '{"question": "How many pencils are left?"}', problem: { code: 'missing-answer', at: 'start' } },
    { text: '{"question": "   ", "answer": "#### 3"}', problem: { code: 'empty-question', at: '"   "' } },
    { text: '{"question": "What is 2 + 2?", "answer": ""}', problem: { code: 'empty-answer', at: '""' } },
    { text: '   \t ' },
    { text: '{"id": 7, "text": "What is 5 * 6?"}', problem: { code: 'unknown-shape', at: 'start' } },
    { text: `  ${good(2)}` },
    {
      text: JSON.stringify({ question: `  ${repeated.toUpperCase().replace(/ /g, '  ')} `, answer: 'Another answer.\n#### 1' }),
      problem: { code: 'duplicate-question', at: '"  ', warning: true, relatedLine: 1 },
    },
    { text: '{"question": "Q?", "answer": "#### 2",}', problem: { code: 'invalid-json', at: ',}' } },
    { text: '{"question": "Café ☕ 𝔸 costs €3", "answer": "#### 3" x}', problem: { code: 'invalid-json', at: 'x}' } },
    { text: '{"question": "How many', problem: { code: 'invalid-json', at: '"How many' } },
    { text: '{"question": 42, "answer": true}', problem: { code: 'invalid-answer', at: 'true' } },
    { text: '{"question": {"text": "How many?"}, "answer": "#### 2"}', problem: { code: 'invalid-question', at: '{"text"' } },
    { text: '{"question": "How many apples?", "answer": "#### 5"', problem: { code: 'invalid-json', at: 'end' } },
    { text: good(3) },
  ];
  const errors: ExpectedDiagnostic[] = [];
  const warnings: ExpectedDiagnostic[] = [];
  const validLines: number[] = [];
  let blank = 0;
  entries.forEach((entry, i) => {
    const line = i + 1;
    if (entry.text.trim() === '') blank++;
    else if (!entry.problem || entry.problem.warning) validLines.push(line);
    if (!entry.problem) return;
    const expected: ExpectedDiagnostic = {
      line,
      column: column(entry.text, entry.problem.at),
      code: entry.problem.code,
      ...(entry.problem.relatedLine === undefined ? {} : { relatedLine: entry.problem.relatedLine }),
    };
    (entry.problem.warning ? warnings : errors).push(expected);
  });
  const eol = options.eol ?? '\n';
  return { text: entries.map((entry) => entry.text).join(eol) + eol, lines: entries.length, blank, validLines, errors, warnings };
}

export async function writeBadSeedFile(path: string, options: { readonly eol?: '\n' | '\r\n' } = {}): Promise<BadSeedFile> {
  const bad = badSeedFile(options);
  const file = await open(path, 'w');
  try {
    await file.write(bad.text);
  } finally {
    await file.close();
  }
  return bad;
}

/** A fresh temporary folder; remove it with the returned function. */
export async function makeTempDir(): Promise<{ readonly path: string; readonly remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'seedsmith-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
