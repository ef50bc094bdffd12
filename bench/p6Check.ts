// P6 (check): `seedsmith check` CPU time on new-question sessions of 10,000 and 100,000 samples
// (synthetic journals the benchmark writes, questions from the test teacher's templates), with
// the near-duplicate index it replaced measured on the 10,000 in the same run. Each check is a
// child process of its own (p6CheckChild.ts), so its CPU time and peak RSS are its own. CPU time
// rather than wall time: other work on a shared machine moves it less.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import type { BenchRow } from './table.ts';

export interface P6CheckOptions {
  /** Session sizes; the first is also checked with the reference index. */
  readonly sizes?: readonly number[];
  /** Checks per size (the lowest CPU time counts). */
  readonly runs?: number;
}

interface Measured {
  readonly index: 'bounded' | 'reference';
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly duplicate: Readonly<Record<string, number>>;
}

const CHILD = fileURLToPath(new URL('./p6CheckChild.ts', import.meta.url));
/** The issue's goal: `check` on 100,000 new-question samples under 15 s of CPU. */
const GOAL_SAMPLES = 100_000;
const GOAL_CPU_MS = 15_000;

function child(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    proc.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
    proc.once('error', reject);
    proc.once('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`p6CheckChild ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

async function measure(dir: string, index: Measured['index'], runs: number): Promise<Measured> {
  const all: Measured[] = [];
  for (let i = 0; i < runs; i++) all.push(JSON.parse(await child(['check', dir, index])) as Measured);
  const best = all.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  // The lowest CPU time, and the highest peak RSS any run reached.
  return { ...best, maxRssMB: Math.max(...all.map((m) => m.maxRssMB)) };
}

export async function p6Check(log: Log, options: P6CheckOptions = {}): Promise<BenchResult> {
  const sizes = options.sizes ?? [10_000, 100_000];
  const runs = options.runs ?? 1;
  const dir = await makeTempDir();
  try {
    const table: { samples: number; bounded: Measured; reference: Measured | null }[] = [];
    for (const [k, samples] of sizes.entries()) {
      const session = `${dir.path}/s${samples}`;
      await mkdir(session);
      await child(['write', session, String(samples)]);
      const bounded = await measure(session, 'bounded', runs);
      const reference = k === 0 ? await measure(session, 'reference', runs) : null;
      if (reference && JSON.stringify(reference.duplicate) !== JSON.stringify(bounded.duplicate)) {
        throw new Error(`P6 check: duplicate counts differ from the reference: ${JSON.stringify(bounded.duplicate)} vs ${JSON.stringify(reference.duplicate)}`);
      }
      table.push({ samples, bounded, reference });
      log(`P6 check ${samples}: CPU ${(bounded.cpuMs / 1000).toFixed(1)} s, wall ${(bounded.ms / 1000).toFixed(1)} s, peak RSS ${bounded.maxRssMB.toFixed(0)} MB${reference ? `; reference index CPU ${(reference.cpuMs / 1000).toFixed(1)} s, peak RSS ${reference.maxRssMB.toFixed(0)} MB` : ''}`);
    }
    // The growth table: how CPU time and memory scale with the session.
    log('P6 check growth (new-question sessions):');
    log(`  ${'samples'.padStart(8)} ${'CPU s'.padStart(8)} ${'µs/sample'.padStart(10)} ${'× per ×10'.padStart(10)} ${'peak MB'.padStart(8)}`);
    for (const [k, row] of table.entries()) {
      const previous = table[k - 1];
      const growth = previous ? (row.bounded.cpuMs / previous.bounded.cpuMs) ** (Math.log(10) / Math.log(row.samples / previous.samples)) : null;
      log(`  ${String(row.samples).padStart(8)} ${(row.bounded.cpuMs / 1000).toFixed(1).padStart(8)} ${((row.bounded.cpuMs * 1000) / row.samples).toFixed(0).padStart(10)} ${(growth === null ? '—' : growth.toFixed(1)).padStart(10)} ${row.bounded.maxRssMB.toFixed(0).padStart(8)}`);
    }
    const rows: BenchRow[] = [];
    const first = table[0];
    if (first?.reference) {
      rows.push({
        bench: 'P6',
        name: `check ${first.samples} new questions vs the replaced index`,
        measured: first.bounded.cpuMs,
        baseline: first.reference.cpuMs,
        unit: 'ms CPU',
        ratio: first.bounded.cpuMs / first.reference.cpuMs,
        goal: { op: '<=', value: 1 },
        note: `same duplicate counts (${JSON.stringify(first.bounded.duplicate)}); peak RSS ${first.bounded.maxRssMB.toFixed(0)} vs ${first.reference.maxRssMB.toFixed(0)} MB`,
      });
    }
    for (const row of table) {
      rows.push({
        bench: 'P6',
        name: `check ${row.samples} new questions`,
        measured: row.bounded.cpuMs,
        // At the goal's size the baseline is the goal itself: the ratio must stay under 1.
        baseline: row.samples === GOAL_SAMPLES ? GOAL_CPU_MS : null,
        unit: 'ms CPU',
        ratio: row.samples === GOAL_SAMPLES ? row.bounded.cpuMs / GOAL_CPU_MS : null,
        goal: row.samples === GOAL_SAMPLES ? { op: '<', value: 1 } : null,
        note: `wall ${(row.bounded.ms / 1000).toFixed(1)} s; ${row.bounded.duplicate['fail'] ?? 0} duplicates`,
      });
      rows.push({ bench: 'P6', name: `check ${row.samples} new questions, peak RSS`, measured: row.bounded.maxRssMB, baseline: null, unit: 'MB', ratio: null, goal: null });
    }
    return { rows, details: { runs, table } };
  } finally {
    await dir.remove();
  }
}
