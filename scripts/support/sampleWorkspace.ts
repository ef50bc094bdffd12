// The sample workspace `npm start` opens: a clean seed file to try SeedSmith on, one with typical
// mistakes to see how bad lines are reported, a text-to-SQL file with its SQLite database (and the
// project file that points the checks at it) and a classification file. Written by the project
// (never copied from a public data set). Existing files are left alone: a person's edits survive restarts.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { shopDatabase, SHOP_PROJECT_FILE, shopSeedLines, ticketSeedLines } from './sampleKindSeeds.ts';

type Seed = { question: string; answer: string };

const step = (text: string, final: number): string => `${text}\n#### ${final}`;

export const sampleSeeds: Seed[] = [
  { question: 'Maya buys 4 packs of stickers with 12 stickers in each pack. She gives 9 stickers to her brother. How many stickers does she have left?', answer: step('Maya buys 4 * 12 = <<4*12=48>>48 stickers.\nAfter giving 9 away she has 48 - 9 = <<48-9=39>>39 stickers.', 39) },
  { question: 'A bakery sells muffins for $3 each. On Monday it sold 45 muffins and on Tuesday twice as many. How much money did it make on the two days?', answer: step('On Tuesday it sold 45 * 2 = <<45*2=90>>90 muffins.\nIn total it sold 45 + 90 = <<45+90=135>>135 muffins.\nIt made 135 * 3 = $<<135*3=405>>405.', 405) },
  { question: 'Leo runs 3 miles every weekday and 5 miles on Saturday. He rests on Sunday. How many miles does he run in 4 weeks?', answer: step('Each week he runs 3 * 5 + 5 = <<3*5+5=20>>20 miles.\nIn 4 weeks he runs 20 * 4 = <<20*4=80>>80 miles.', 80) },
  { question: 'A garden has 6 rows of tomato plants with 8 plants in each row. Each plant gives 5 tomatoes. How many tomatoes does the garden give?', answer: step('There are 6 * 8 = <<6*8=48>>48 plants.\nThey give 48 * 5 = <<48*5=240>>240 tomatoes.', 240) },
  { question: 'Priya has $120. She spends a quarter of it on a book and $35 on lunch. How much money does she have left?', answer: step('The book costs 120 / 4 = $<<120/4=30>>30.\nShe spends 30 + 35 = $<<30+35=65>>65.\nShe has 120 - 65 = $<<120-65=55>>55 left.', 55) },
  { question: 'A school bus carries 42 students. 3 buses go on a trip, and 17 students come by car. How many students go on the trip?', answer: step('The buses carry 3 * 42 = <<3*42=126>>126 students.\nWith the car riders, 126 + 17 = <<126+17=143>>143 students go.', 143) },
  { question: 'Omar reads 18 pages a day. His book has 270 pages. How many days does he need to finish it?', answer: step('He needs 270 / 18 = <<270/18=15>>15 days.', 15) },
  { question: 'A farmer has 3 times as many chickens as cows. He has 14 cows. How many legs do all his chickens and cows have together?', answer: step('He has 14 * 3 = <<14*3=42>>42 chickens.\nThe chickens have 42 * 2 = <<42*2=84>>84 legs and the cows 14 * 4 = <<14*4=56>>56 legs.\nTogether they have 84 + 56 = <<84+56=140>>140 legs.', 140) },
  { question: 'A shop sells pens in boxes of 10 for $4. Jade needs 65 pens. How much does she pay if she can only buy whole boxes?', answer: step('She needs 7 boxes, because 6 boxes hold only 60 pens.\nShe pays 7 * 4 = $<<7*4=28>>28.', 28) },
  { question: 'Sam saves $15 every week. After how many weeks will he have enough for a $200 bike if he already has $50?', answer: step('He still needs 200 - 50 = $<<200-50=150>>150.\nThat takes 150 / 15 = <<150/15=10>>10 weeks.', 10) },
  { question: 'A rectangle is 14 cm long and 9 cm wide. What is its perimeter in centimetres?', answer: step('The perimeter is 2 * (14 + 9) = <<2*(14+9)=46>>46 cm.', 46) },
  { question: 'There are 96 apples in a crate. A third are red, and half of the rest are green. The remainder are yellow. How many yellow apples are there?', answer: step('Red apples: 96 / 3 = <<96/3=32>>32.\nThe rest: 96 - 32 = <<96-32=64>>64, half green: 64 / 2 = <<64/2=32>>32.\nYellow: 64 - 32 = <<64-32=32>>32.', 32) },
  { question: 'A movie starts at 6:40 pm and lasts 135 minutes. At what minute past 8 pm does it end?', answer: step('6:40 pm plus 135 minutes is 6:40 + 2 h 15 min = 8:55 pm.\nIt ends 55 minutes past 8 pm.', 55) },
  { question: 'Nina bakes 5 trays of cookies with 24 cookies on each tray. She packs them in bags of 8. How many bags does she fill?', answer: step('She bakes 5 * 24 = <<5*24=120>>120 cookies.\nShe fills 120 / 8 = <<120/8=15>>15 bags.', 15) },
  { question: 'A car uses 6 litres of fuel per 100 km. Fuel costs $2 per litre. How much does a 450 km trip cost?', answer: step('The trip uses 450 / 100 * 6 = <<450/100*6=27>>27 litres.\nIt costs 27 * 2 = $<<27*2=54>>54.', 54) },
  { question: 'Ben is 4 years older than twice his sister\'s age. His sister is 7. How old is Ben?', answer: step('Twice his sister\'s age is 7 * 2 = <<7*2=14>>14.\nBen is 14 + 4 = <<14+4=18>>18.', 18) },
];

/** Lines 3 and 5 are broken on purpose; line 7 repeats line 1. */
export const sampleBadLines: string[] = [
  JSON.stringify(sampleSeeds[0]),
  JSON.stringify(sampleSeeds[1]),
  '{"question": "How many legs do 3 spiders have?" "answer": "#### 24"}',
  JSON.stringify({ instruction: 'Solve the problem.', input: 'A box holds 6 eggs. How many eggs are in 7 boxes?', output: 'There are 6 * 7 = 42 eggs.\n#### 42' }),
  '{"question": "What is 15% of 80?", "answer": ""}',
  JSON.stringify(sampleSeeds[2]),
  JSON.stringify(sampleSeeds[0]),
];

/** Text-to-SQL seeds over shop.sqlite (seedsmith.jsonc points the checks at it). */
export const SQL_SEED_FILE = 'shop-sql.jsonl';
/** Support tickets labelled by team. */
export const LABEL_SEED_FILE = 'ticket-labels.jsonl';

export async function writeSampleWorkspace(folder: string): Promise<string[]> {
  const files: [string, string | (() => Promise<Uint8Array>)][] = [
    ['math-seeds.jsonl', sampleSeeds.map((seed) => JSON.stringify(seed)).join('\n') + '\n'],
    ['needs-fixing.jsonl', sampleBadLines.join('\n') + '\n'],
    [SQL_SEED_FILE, shopSeedLines().join('\n') + '\n'],
    ['shop.sqlite', shopDatabase],
    ['seedsmith.jsonc', SHOP_PROJECT_FILE],
    [LABEL_SEED_FILE, ticketSeedLines().join('\n') + '\n'],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(folder, name);
    if (existsSync(file)) continue;
    await writeFile(file, typeof content === 'string' ? content : await content());
    written.push(name);
  }
  return written;
}
