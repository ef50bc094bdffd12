// Seed files of each answer kind, made here (never copied from real data sets): a GSM8K-style
// math file, a sentiment classifier, JSON extraction (Alpaca with an input), text-to-SQL with
// the schema in a `context` field, Python code, and free sentences from keywords (chat seeds
// with a system message). Each is varied enough that the kind is decided by the answers' shape.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnswerKind } from '../../src/core/profile/index.ts';
import { seedFileText } from './seedFixtures.ts';

const NAMES = ['Ada', 'Bram', 'Chen', 'Dita', 'Emre', 'Fenna', 'Goran', 'Hana', 'Ivo', 'Juno', 'Kai', 'Lena'];

export const SQL_SCHEMA = 'CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER);\nCREATE TABLE concert (id INTEGER PRIMARY KEY, singer_id INTEGER, year INTEGER, venue TEXT);';

function lines(records: readonly object[]): string {
  return `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
}

export function labelSeeds(count = 24): string {
  const labels = ['positive', 'negative', 'neutral'];
  const texts = ['The soup was {x} and the staff friendly.', 'I waited an hour and the {x} was cold.', 'The parcel with the {x} arrived on Tuesday.'];
  const things = ['bread', 'coffee', 'pasta', 'salad', 'cake', 'tea', 'pie', 'rice'];
  return lines(Array.from({ length: count }, (_, i) => ({
    question: `Classify the sentiment of this review: ${(texts[i % 3] as string).replace('{x}', things[i % things.length] as string)} (#${i})`,
    answer: labels[i % 3],
  })));
}

export function jsonSeeds(count = 12): string {
  return lines(Array.from({ length: count }, (_, i) => {
    const name = NAMES[i % NAMES.length] as string;
    const output: Record<string, unknown> = { name, age: 20 + i, city: i % 2 === 0 ? 'Utrecht' : 'Porto' };
    if (i % 3 === 0) output.email = `${name.toLowerCase()}@example.org`;
    return {
      instruction: 'Extract the person as JSON with name, age, city and email when given.',
      input: `${name} is ${20 + i} and lives in ${output.city}.${output.email ? ` Mail: ${output.email}` : ''}`,
      output: JSON.stringify(output),
    };
  }));
}

export const SQL_PAIRS: readonly (readonly [string, string])[] = [
  ['How many singers are there?', 'SELECT count(*) FROM singer'],
  ['List the names of singers from France.', "SELECT name FROM singer WHERE country = 'France'"],
  ['What is the average age of all singers?', 'SELECT avg(age) FROM singer'],
  ['List singers by age, oldest first.', 'SELECT name, age FROM singer ORDER BY age DESC'],
  ['Which venues hosted a concert in 2014?', 'SELECT DISTINCT venue FROM concert WHERE year = 2014'],
  ['How many concerts did each singer give?', 'SELECT T1.name, count(*) FROM singer AS T1 JOIN concert AS T2 ON T1.id = T2.singer_id GROUP BY T1.name'],
  ['Name the singers who never gave a concert.', 'SELECT name FROM singer WHERE id NOT IN (SELECT singer_id FROM concert)'],
  ['What is the youngest singer\'s country?', 'SELECT country FROM singer ORDER BY age LIMIT 1'],
  ['How many singers are older than 30?', 'SELECT count(*) FROM singer WHERE age > 30'],
  ['List the countries with more than one singer.', 'SELECT country FROM singer GROUP BY country HAVING count(*) > 1'],
];

export function sqlSeeds(): string {
  return lines(SQL_PAIRS.map(([question, answer]) => ({ question, context: SQL_SCHEMA, answer })));
}

export function codeSeeds(count = 10): string {
  return lines(Array.from({ length: count }, (_, i) => ({
    prompt: `Write a Python function add_${i}(x) that returns x plus ${i}.`,
    completion: `\`\`\`python\ndef add_${i}(x):\n    """Adds ${i}."""\n    return x + ${i}\n\`\`\``,
  })));
}

export function textSeeds(count = 10): string {
  const keywords = [['dog', 'frisbee', 'park'], ['rain', 'umbrella', 'bus'], ['oven', 'bread', 'morning'], ['river', 'boat', 'bridge'], ['snow', 'sled', 'hill']];
  return lines(Array.from({ length: count }, (_, i) => {
    const [a, b, c] = keywords[i % keywords.length] as [string, string, string];
    return {
      messages: [
        { role: 'system', content: 'Write two everyday sentences that use all the given keywords.' },
        { role: 'user', content: `Keywords: ${a}, ${b}, ${c} (${i})` },
        { role: 'assistant', content: `In the ${c}, the ${a} met a ${b} that ${NAMES[i % NAMES.length]} had left behind. Later that day everyone went home tired but happy.` },
      ],
    };
  }));
}

export const KIND_FIXTURES: Readonly<Record<AnswerKind, () => string>> = {
  numeric: () => seedFileText(30),
  label: () => labelSeeds(),
  json: () => jsonSeeds(),
  sql: () => sqlSeeds(),
  code: () => codeSeeds(),
  text: () => textSeeds(),
};

/** Writes one seed file per kind into `dir`; returns kind → path. */
export async function writeKindFixtures(dir: string): Promise<Record<AnswerKind, string>> {
  const paths = {} as Record<AnswerKind, string>;
  for (const [kind, text] of Object.entries(KIND_FIXTURES) as [AnswerKind, () => string][]) {
    const path = join(dir, `${kind}.jsonl`);
    await writeFile(path, text());
    paths[kind] = path;
  }
  return paths;
}
