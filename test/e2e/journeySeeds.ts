// The journey test's seed file, written by the test itself: six GSM8K-style seeds, one of which
// carries HTML and script payloads in its question and answer. Nothing of that seed may ever run
// or render as markup: the card, the seed pair and the editor hover must show it as text.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface JourneySeed {
  readonly question: string;
  readonly answer: string;
}

/** Markers the payloads set if they ever run; the test reads them in every frame. */
export const PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">';
export const PAYLOAD_SCRIPT = '<script>window.__pwned=2</script>';
export const PAYLOAD_ANSWER_SCRIPT = '<script>window.__pwned=3</script>';
export const PAYLOAD_ANSWER_IMG = '<img src=x onerror="window.__pwned=4">';

export const SEED_FILE_NAME = 'journey-seeds.jsonl';

/** 1-based line of the payload seed in the seed file. */
export const PAYLOAD_LINE = 4;

export const journeySeeds: readonly JourneySeed[] = [
  { question: 'Tom has 3 boxes of 12 pencils. How many pencils does he have?', answer: 'He has 3 * 12 = <<3*12=36>>36 pencils.\n#### 36' },
  { question: 'A train travels 60 km per hour for 2 hours. How far does it go?', answer: 'It goes 60 * 2 = <<60*2=120>>120 km.\n#### 120' },
  { question: 'Ana reads 15 pages a day. How many pages does she read in a week?', answer: 'She reads 15 * 7 = <<15*7=105>>105 pages.\n#### 105' },
  {
    question: `${PAYLOAD_IMG} Mia has 4 apples and buys 5 more. How many apples does she have now? ${PAYLOAD_SCRIPT}`,
    answer: `<b>Mia</b> has 4 + 5 = <<4+5=9>>9 apples. ${PAYLOAD_ANSWER_SCRIPT}${PAYLOAD_ANSWER_IMG}\n#### 9`,
  },
  { question: 'A baker makes 24 muffins and sells 9 of them. How many muffins are left?', answer: 'There are 24 - 9 = <<24-9=15>>15 muffins left.\n#### 15' },
  { question: 'Liam saves 8 dollars a week for 5 weeks. How many dollars does he save?', answer: 'He saves 8 * 5 = <<8*5=40>>40 dollars.\n#### 40' },
];

/**
 * Samples per seed line for Answer Augmentation with a budget of `budget` teacher queries: one
 * per seed per round, round-robin in file order (planAnswerAugmentation.ts), so a budget of 8 over
 * 6 seeds gives lines 1 and 2 two samples each and the others one.
 */
export function expectedSamplesPerLine(budget: number): number[] {
  return journeySeeds.map((_, index) => Math.floor(budget / journeySeeds.length) + (index < budget % journeySeeds.length ? 1 : 0));
}

export async function writeJourneySeedFile(folder: string): Promise<string> {
  const file = path.join(folder, SEED_FILE_NAME);
  await writeFile(file, journeySeeds.map((seed) => JSON.stringify(seed)).join('\n') + '\n');
  return file;
}
