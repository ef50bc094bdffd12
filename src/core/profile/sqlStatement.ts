// SQL answers, read by a real parser (node-sql-parser, its SQLite grammar: execution matching runs
// on SQLite, and Spider's queries are written for it). Only the SQLite build is imported: the
// package's all-dialects entry is megabytes.
import sqlParser from 'node-sql-parser/build/sqlite.js';
import { wholeFence } from './codeBlocks.ts';

const parser = new sqlParser.Parser();

/** Statement openings worth handing to the parser; anything else (prose, numbers) is not tried, which keeps big files fast. */
/** Longer than this is not parsed (the parser took 2.6 s on a 100 kB query); no seed query is that long. */
export const MAX_SQL_CHARS = 20_000;

const OPENING = /^(?:select|with|insert|update|delete|create|drop|alter|replace|values|pragma|explain)\b/i;

export type SqlReading =
  | { readonly ok: true; readonly sql: string; readonly statements: number; readonly types: readonly string[]; readonly ordered: boolean }
  | { readonly ok: false; readonly sql: string; readonly reason: string };

/** The SQL of an answer: the answer itself, or the body of the one ```sql (or bare) fence it consists of. */
export function sqlTextOf(answer: string): string {
  const fence = wholeFence(answer);
  if (fence && (fence.language === null || fence.language === 'sql')) return fence.body.trim();
  return answer.trim();
}

export function looksLikeSqlOpening(text: string): boolean {
  return OPENING.test(text);
}

/**
 * Parses an answer as SQL. `ordered` is true when the last statement is a query whose outermost
 * level has ORDER BY: Spider's rule compares rows in order only then.
 */
export function readSql(answer: string): SqlReading {
  const sql = sqlTextOf(answer);
  if (!looksLikeSqlOpening(sql)) return { ok: false, sql, reason: 'does not start with a SQL statement' };
  if (sql.length > MAX_SQL_CHARS) return { ok: false, sql, reason: `longer than ${MAX_SQL_CHARS} characters: not parsed` };
  let ast: unknown;
  try {
    ast = parser.astify(sql, { database: 'sqlite' });
  } catch (error) {
    return { ok: false, sql, reason: firstLine(error instanceof Error ? error.message : String(error)) };
  }
  const list = (Array.isArray(ast) ? ast : [ast]) as readonly { readonly type?: unknown; readonly orderby?: unknown }[];
  const last = list[list.length - 1];
  return {
    ok: true,
    sql,
    statements: list.length,
    types: list.map((statement) => String(statement.type)),
    ordered: last?.type === 'select' && Array.isArray(last.orderby) && last.orderby.length > 0,
  };
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
