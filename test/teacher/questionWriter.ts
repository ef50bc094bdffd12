// Invents grade-school word problems from a few templates. Each one is built together with its
// answer, so the server can register the answer and later answer its own question correctly.
import type { Rng } from './rng.ts';
import { normalizeQuestion } from './text.ts';

export interface InventedQuestion {
  question: string;
  answer: number;
  reason: string;
}

interface Person {
  name: string;
  they: string;
}

const PEOPLE: readonly Person[] = [
  { name: 'Maya', they: 'She' },
  { name: 'Liam', they: 'He' },
  { name: 'Priya', they: 'She' },
  { name: 'Jonah', they: 'He' },
  { name: 'Sofia', they: 'She' },
  { name: 'Mateo', they: 'He' },
  { name: 'Aisha', they: 'She' },
  { name: 'Kenji', they: 'He' },
];
const ITEMS = ['apples', 'stickers', 'marbles', 'pencils', 'cookies', 'books', 'seashells', 'cards'];
const CONTAINERS = ['box', 'bag', 'jar', 'crate', 'basket'];

type Template = (rng: Rng, p: Person, friend: Person, item: string) => InventedQuestion;

const TEMPLATES: readonly Template[] = [
  (rng, p, friend, item) => {
    const a = rng.int(12, 60);
    const b = rng.int(3, 25);
    const c = rng.int(2, a + b - 1);
    return {
      question: `${p.name} has ${a} ${item}. ${p.they} buys ${b} more ${item} and then gives ${c} of them to ${friend.name}. How many ${item} does ${p.name} have now?`,
      answer: a + b - c,
      reason: 'Two steps of addition and subtraction with every quantity given.',
    };
  },
  (rng, p, _friend, item) => {
    const container = rng.pick(CONTAINERS);
    const a = rng.int(6, 24);
    const b = rng.int(3, 12);
    return {
      question: `Each ${container} holds ${a} ${item}. ${p.name} fills ${b} ${container}${container.endsWith('x') ? 'es' : 's'} with ${item}. How many ${item} did ${p.name} pack in total?`,
      answer: a * b,
      reason: 'One multiplication; the count per container and the number of containers are given.',
    };
  },
  (rng, p) => {
    const rate = rng.int(9, 30);
    const hours = rng.int(2, 8);
    const days = rng.int(2, 6);
    return {
      question: `${p.name} earns $${rate} per hour. ${p.they} works ${hours} hours a day for ${days} days. How much money does ${p.name} earn in those days?`,
      answer: rate * hours * days,
      reason: 'Two multiplications: hourly pay, hours per day and number of days are all stated.',
    };
  },
  (rng, p) => {
    const monday = rng.int(8, 40);
    const total = monday * 3 + rng.int(10, 120);
    return {
      question: `A book has ${total} pages. ${p.name} reads ${monday} pages on Monday and twice as many pages on Tuesday. How many pages does ${p.name} still have to read?`,
      answer: total - 3 * monday,
      reason: 'Needs doubling, a sum and a subtraction; the page total is given.',
    };
  },
  (rng, p, _friend, item) => {
    const groups = rng.int(3, 9);
    const each = rng.int(4, 15);
    return {
      question: `${p.name} shares ${groups * each} ${item} equally among ${groups} friends. How many ${item} does each friend get?`,
      answer: each,
      reason: 'A single exact division with a whole-number result.',
    };
  },
  (rng, p, _friend, item) => {
    const count = rng.int(2, 9);
    const price = rng.int(2, 12);
    const bill = [20, 50, 100].find((x) => x > count * price) ?? 200;
    return {
      question: `${p.name} buys ${count} ${item} at $${price} each and pays with a $${bill} bill. How much change does ${p.name} get?`,
      answer: bill - count * price,
      reason: 'A multiplication followed by a subtraction; prices and the bill are given.',
    };
  },
];

/** `count` distinct questions (distinct from each other and from `avoid`). */
export function inventQuestions(count: number, rng: Rng, avoid: readonly string[] = []): InventedQuestion[] {
  const seen = new Set(avoid.map(normalizeQuestion));
  const out: InventedQuestion[] = [];
  // Bounded: collisions are rare, and a pathological rng must not spin forever.
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt++) {
    const p = rng.pick(PEOPLE);
    const friend = rng.pick(PEOPLE.filter((x) => x !== p));
    const made = rng.pick(TEMPLATES)(rng, p, friend, rng.pick(ITEMS));
    const key = normalizeQuestion(made.question);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(made);
  }
  return out;
}

const SQL_TEMPLATES: readonly ((table: string, column: string, n: number) => string)[] = [
  (table, column) => `How many distinct ${column} values does ${table} have?`,
  (table, column) => `List every ${column} in ${table}, without repeats.`,
  (table, column) => `Which ${table} rows have the largest ${column}?`,
  (table, column, n) => `How many ${table} rows have a ${column} greater than ${n}?`,
  (table, column) => `What is the smallest ${column} in ${table}?`,
];
const NEUTRAL_LEADS = ['Another one: ', 'Next: ', 'Also: '];

/**
 * New questions in the form of examples that are not word problems (issue 10): over a SQL schema
 * in the context, questions about its own tables and columns; otherwise an example with its
 * numbers (ids, ages, counts) changed, so a classification stays a classification of the same
 * kind and a request for code stays one. Distinct from each other and from the examples.
 */
export function varyQuestions(examples: readonly string[], context: string, count: number, rng: Rng): string[] {
  const seen = new Set(examples.map(normalizeQuestion));
  const out: string[] = [];
  const tables = [...context.matchAll(/CREATE TABLE\s+(\w+)\s*\(([^)]*)\)/gi)].map((m) => ({ name: m[1]!, columns: m[2]!.split(',').map((c) => c.trim().split(/\s+/)[0]!).filter((c) => /^\w+$/.test(c)) }));
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt++) {
    let question: string;
    if (tables.length > 0) {
      const table = rng.pick(tables);
      question = rng.pick(SQL_TEMPLATES)(table.name, rng.pick(table.columns.length > 0 ? table.columns : ['id']), rng.int(1, 50));
    } else if (examples.length > 0) {
      const example = rng.pick(examples);
      const shift = rng.int(1, 97);
      const changed = example.replace(/\d+/g, (n) => String(Number(n) + shift));
      question = changed === example ? `${rng.pick(NEUTRAL_LEADS)}${example}` : changed;
    } else {
      break;
    }
    const key = normalizeQuestion(question);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(question);
  }
  return out;
}
