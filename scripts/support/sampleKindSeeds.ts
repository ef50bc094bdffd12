// The sample workspace's seed files of other kinds than math (issue 10): text-to-SQL questions
// over a small shop database whose schema travels in each seed's `context`, with the SQLite file
// itself (made here with sql.js, the engine the checks run on) for execution match; and support
// tickets labelled by team. Written by the project, never copied from a public data set.
import initSqlJs from 'sql.js';

export const SHOP_SCHEMA = [
  'CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, joined INTEGER NOT NULL);',
  'CREATE TABLE product (id INTEGER PRIMARY KEY, title TEXT NOT NULL, category TEXT NOT NULL, price REAL NOT NULL);',
  'CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id), product_id INTEGER NOT NULL REFERENCES product(id), quantity INTEGER NOT NULL, year INTEGER NOT NULL);',
].join('\n');

const SHOP_ROWS = `
INSERT INTO customer VALUES (1, 'Astrid', 'Oslo', 2019), (2, 'Bruno', 'Lyon', 2020), (3, 'Chen', 'Oslo', 2021), (4, 'Dalia', 'Porto', 2021), (5, 'Emeka', 'Lyon', 2022), (6, 'Fiona', 'Cork', 2023);
INSERT INTO product VALUES (1, 'Kettle', 'kitchen', 39.0), (2, 'Toaster', 'kitchen', 25.5), (3, 'Desk lamp', 'office', 18.0), (4, 'Notebook', 'office', 4.5), (5, 'Tent', 'outdoor', 120.0);
INSERT INTO purchase VALUES (1, 1, 1, 1, 2022), (2, 1, 4, 5, 2023), (3, 2, 3, 2, 2022), (4, 3, 5, 1, 2023), (5, 4, 2, 1, 2023), (6, 4, 4, 10, 2023), (7, 5, 1, 2, 2024), (8, 2, 5, 1, 2024);
`;

/** Question → gold query. The first counts every customer, written as a person might (COUNT(id)). */
export const SHOP_QUESTIONS: readonly (readonly [string, string])[] = [
  ['How many customers are there?', 'SELECT COUNT(id) FROM customer'],
  ['List the names of the customers who live in Oslo.', "SELECT name FROM customer WHERE city = 'Oslo'"],
  ['What is the price of the most expensive product?', 'SELECT max(price) FROM product'],
  ['Which products cost less than 20?', 'SELECT title FROM product WHERE price < 20'],
  ['How many products are there in each category?', 'SELECT category, count(*) FROM product GROUP BY category'],
  ['List the customers who joined in 2021, in alphabetical order.', 'SELECT name FROM customer WHERE joined = 2021 ORDER BY name'],
  ['How many items did each customer buy in total?', 'SELECT c.name, sum(p.quantity) FROM customer AS c JOIN purchase AS p ON p.customer_id = c.id GROUP BY c.name'],
  ['Which customers never bought anything?', 'SELECT name FROM customer WHERE id NOT IN (SELECT customer_id FROM purchase)'],
  ['What is the average price of the kitchen products?', "SELECT avg(price) FROM product WHERE category = 'kitchen'"],
  ['In which cities do the customers live?', 'SELECT DISTINCT city FROM customer'],
  ['How many purchases were made in 2023?', 'SELECT count(*) FROM purchase WHERE year = 2023'],
  ['What did Dalia buy?', "SELECT pr.title FROM purchase AS pu JOIN product AS pr ON pr.id = pu.product_id JOIN customer AS c ON c.id = pu.customer_id WHERE c.name = 'Dalia'"],
];

export function shopSeedLines(): string[] {
  return SHOP_QUESTIONS.map(([question, answer]) => JSON.stringify({ question, context: SHOP_SCHEMA, answer }));
}

/** The shop database as a SQLite file's bytes. */
export async function shopDatabase(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(SHOP_SCHEMA + SHOP_ROWS);
    return db.export();
  } finally {
    db.close();
  }
}

export const SHOP_PROJECT_FILE = `// SeedSmith's project file (see the README, "seedsmith.jsonc").
// The SQL seeds' answers are checked by running them on this SQLite database (a private copy:
// the file is never written) and comparing their rows with the gold query's.
{
  "sql": { "database": "shop.sqlite", "timeoutMs": 5000 }
}
`;

/** Support tickets → the team that handles them: a closed set of four labels. */
export const TICKETS: readonly (readonly [string, string])[] = [
  ['I was charged twice for my March subscription.', 'billing'],
  ['The app crashes whenever I open the settings page.', 'technical'],
  ['How do I change the email address on my profile?', 'account'],
  ['My parcel has been stuck in transit for ten days.', 'shipping'],
  ['Can I get a refund for the unused months of my plan?', 'billing'],
  ['Uploading a photo fails with error 413.', 'technical'],
  ['I forgot my password and the reset link never arrives.', 'account'],
  ['The courier left my package at the wrong address.', 'shipping'],
  ['Why does my invoice show VAT twice?', 'billing'],
  ['The export button does nothing in Firefox.', 'technical'],
  ['Please delete my account and all my data.', 'account'],
  ['Can you ship to Norway?', 'shipping'],
  ['My card was declined but the money left my account.', 'billing'],
  ['Sync between my phone and laptop stopped working yesterday.', 'technical'],
  ['I want to add a second user to our team account.', 'account'],
  ['The box arrived damaged and the lamp is broken.', 'shipping'],
];

export function ticketSeedLines(): string[] {
  return TICKETS.map(([ticket, team]) => JSON.stringify({ instruction: 'Which team should handle this support ticket? Answer with one of: billing, technical, account, shipping.', input: ticket, output: team }));
}
