// Comparing query results the way Spider's execution accuracy does: rows as a multiset (order
// only when the gold query has ORDER BY), values compared as values. As in the Spider test-suite
// evaluation, a result whose columns come in another order still matches when some ordering of
// its columns gives the gold's rows.
import type { SqlValue } from './sqlExecutor.ts';

/** Columns beyond which column orders are not searched (n! orderings). */
const MAX_PERMUTED_COLUMNS = 6;

export type RowComparison = { readonly match: true; readonly permuted: boolean } | { readonly match: false; readonly reason: string };

function key(value: SqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return `n:${Number.isInteger(value) ? value : Number(value.toPrecision(12))}`;
  if (typeof value === 'string') return `s:${value}`;
  return `b:${Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function rowKeys(rows: readonly (readonly SqlValue[])[], order: readonly number[]): string[] {
  return rows.map((row) => JSON.stringify(order.map((column) => key(row[column] ?? null))));
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const counts = new Map<string, number>();
  for (const k of a) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const k of b) {
    const n = counts.get(k);
    if (!n) return false;
    counts.set(k, n - 1);
  }
  return true;
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function* permutations(n: number): Generator<number[]> {
  const order = Array.from({ length: n }, (_, i) => i);
  // Heap's algorithm.
  const c = new Array<number>(n).fill(0);
  yield [...order];
  let i = 0;
  while (i < n) {
    if ((c[i] as number) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] as number);
      [order[j], order[i]] = [order[i] as number, order[j] as number];
      yield [...order];
      c[i] = (c[i] as number) + 1;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

export function compareRows(
  gold: { readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] },
  got: { readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] },
  ordered: boolean,
): RowComparison {
  const width = gold.columns.length;
  if (got.columns.length !== width) return { match: false, reason: `${got.columns.length} column${got.columns.length === 1 ? '' : 's'}, the gold query gives ${width}` };
  if (got.rows.length !== gold.rows.length) return { match: false, reason: `${got.rows.length} row${got.rows.length === 1 ? '' : 's'}, the gold query gives ${gold.rows.length}` };
  const identity = Array.from({ length: width }, (_, i) => i);
  const expected = rowKeys(gold.rows, identity);
  const same = ordered ? sameSequence : sameMultiset;
  if (same(expected, rowKeys(got.rows, identity))) return { match: true, permuted: false };
  if (width > 1 && width <= MAX_PERMUTED_COLUMNS) {
    for (const order of permutations(width)) {
      if (order.every((column, i) => column === i)) continue;
      if (same(expected, rowKeys(got.rows, order))) return { match: true, permuted: true };
    }
  }
  if (ordered && sameMultiset(expected, rowKeys(got.rows, identity))) return { match: false, reason: 'the same rows in another order, and the gold query has ORDER BY' };
  return { match: false, reason: 'different rows from the gold query' };
}
