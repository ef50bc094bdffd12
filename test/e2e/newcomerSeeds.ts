// The seed files the newcomer test writes: one to rephrase (every question says "How many", which
// the test teacher's rephrasings drop for "What number of"), an empty one, and one whose third
// line goes wrong at column 49.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const REPHRASE_FILE = 'rephrase-seeds.jsonl';
export const EMPTY_FILE = 'empty.jsonl';
export const BAD_COLUMN_FILE = 'bad-column.jsonl';
export const BAD_LINE = 3;
export const BAD_COLUMN = 49;

export const rephraseSeeds = [
  { question: 'Tom has 3 boxes of 12 pencils. How many pencils does he have?', answer: 'He has 3 * 12 = <<3*12=36>>36 pencils.\n#### 36' },
  { question: 'A farm has 7 cows and 4 hens. How many legs do the animals have in total?', answer: 'Cows have 7 * 4 = 28 legs, hens 4 * 2 = 8.\n#### 36' },
  { question: 'Ana reads 15 pages a day. How many pages does she read in a week?', answer: 'She reads 15 * 7 = <<15*7=105>>105 pages.\n#### 105' },
  { question: 'Mia has 4 apples and buys 5 more. How many apples does she have now?', answer: 'She has 4 + 5 = <<4+5=9>>9 apples.\n#### 9' },
  { question: 'A baker makes 24 muffins and sells 9 of them. How many muffins are left?', answer: 'There are 24 - 9 = <<24-9=15>>15 muffins left.\n#### 15' },
  { question: 'Liam saves 8 dollars a week for 5 weeks. How many dollars does he save?', answer: 'He saves 8 * 5 = <<8*5=40>>40 dollars.\n#### 40' },
];

const badColumnLines = [
  '{"question": "What is 2 + 3?", "answer": "2 + 3 = 5\\n#### 5"}',
  '{"question": "What is 4 + 4?", "answer": "4 + 4 = 8\\n#### 8"}',
  // The colon after "answer" is missing: the error is at column 49.
  '{"question": "What is 2 + 2 + 2 + 2?", "answer" "8"}',
];

export async function writeNewcomerSeedFiles(folder: string): Promise<void> {
  await writeFile(path.join(folder, REPHRASE_FILE), rephraseSeeds.map((seed) => JSON.stringify(seed)).join('\n') + '\n');
  await writeFile(path.join(folder, EMPTY_FILE), '');
  await writeFile(path.join(folder, BAD_COLUMN_FILE), badColumnLines.join('\n') + '\n');
}
