// One row per measured claim, printed as a table and written to test-output/bench.json. Rows are
// measurements, not assertions: a missed goal is printed as MISSED and the process still exits 0,
// so CI records the numbers instead of hiding them behind a red build.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type GoalOp = '>=' | '<=' | '<' | '==';

export interface Goal {
  readonly op: GoalOp;
  readonly value: number;
}

export interface BenchRow {
  /** P1, P2, P3. */
  readonly bench: string;
  readonly name: string;
  readonly measured: number;
  readonly baseline: number | null;
  /** Units of measured and baseline, e.g. "samples/s", "ms", "MB". */
  readonly unit: string;
  /** measured ÷ baseline (or a check's own ratio); null for information-only rows. */
  readonly ratio: number | null;
  readonly goal: Goal | null;
  readonly note?: string;
}

export interface JudgedRow extends BenchRow {
  /** null: no goal (information only). */
  readonly pass: boolean | null;
}

export function judge(row: BenchRow): JudgedRow {
  if (row.goal === null || row.ratio === null) return { ...row, pass: null };
  const { op, value } = row.goal;
  const r = row.ratio;
  const pass = op === '>=' ? r >= value : op === '<=' ? r <= value : op === '<' ? r < value : r === value;
  return { ...row, pass };
}

function fmt(n: number | null): string {
  if (n === null) return '—';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(3);
}

/** Four decimals, so a ratio just under its goal (0.9497) never prints as the goal itself. */
function fmtRatio(n: number | null): string {
  if (n === null) return '—';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(4);
}

export function formatTable(rows: readonly JudgedRow[]): string {
  const header = ['bench', 'name', 'measured', 'baseline', 'unit', 'ratio', 'goal', 'result'];
  const body = rows.map((r) => [
    r.bench,
    r.name,
    fmt(r.measured),
    fmt(r.baseline),
    r.unit,
    fmtRatio(r.ratio),
    r.goal ? `${r.goal.op} ${r.goal.value}` : '',
    r.pass === null ? 'info' : r.pass ? 'pass' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const numeric = new Set([2, 3, 5]);
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const cells of body) out.push(line(cells));
  const notes = rows.filter((r) => r.note);
  if (notes.length > 0) {
    out.push('', 'notes:');
    for (const r of notes) out.push(`  ${r.bench} ${r.name}: ${r.note}`);
  }
  const missed = rows.filter((r) => r.pass === false);
  out.push('', missed.length === 0 ? 'All goals met.' : `MISSED ${missed.length} goal(s): ${missed.map((r) => `${r.bench} ${r.name}`).join('; ')}`);
  return out.join('\n');
}

export async function writeReport(path: string, report: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
}
