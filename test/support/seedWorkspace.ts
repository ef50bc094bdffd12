// The seed files the extension-host suite opens. Written by the test itself (never copied from
// shared data), with bad lines at known lines and columns.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const goodSeeds = [
  { question: 'Tom has 3 boxes of 12 pencils. How many pencils does he have?', answer: 'He has 3 * 12 = <<3*12=36>>36 pencils.\n#### 36' },
  { question: 'A train travels 60 km per hour for 2 hours. How far does it go?', answer: 'It goes 60 * 2 = <<60*2=120>>120 km.\n#### 120' },
  { question: 'Ana reads 15 pages a day. How many pages does she read in a week?', answer: 'She reads 15 * 7 = <<15*7=105>>105 pages.\n#### 105' },
];

/** Line 2: invalid JSON at column 15; line 3: an array; line 4: no answer; line 6 repeats line 1. */
export const badSeedLines = [
  JSON.stringify(goodSeeds[0]),
  '{"question": "x" "answer": "y"}',
  '["not", "an", "object"]',
  '{"question": "What is 2 + 2?"}',
  JSON.stringify(goodSeeds[1]),
  JSON.stringify(goodSeeds[0]),
];

export async function writeSeedWorkspace(folder: string): Promise<void> {
  await writeFile(path.join(folder, 'good.jsonl'), goodSeeds.map((seed) => JSON.stringify(seed)).join('\n') + '\n');
  await writeFile(path.join(folder, 'bad.jsonl'), badSeedLines.join('\r\n'));
}
