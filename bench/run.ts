// `npm run bench [p1|p2|p3 ...]`: runs the benchmarks in order (or the ones named), prints one
// table and writes test-output/bench.json. Always exits 0 when the benchmarks ran, even when a
// goal is missed (the table says MISSED): these are measurements, not tests. A benchmark that
// crashes exits 1.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult, Log } from './benchTypes.ts';
import { p1Throughput } from './p1Throughput.ts';
import { p2RateLimit } from './p2RateLimit.ts';
import { p3Indexing } from './p3Indexing.ts';
import { p4ChecksInProgress } from './p4ChecksInProgress.ts';
import { p4ReviewKeystroke } from './p4ReviewKeystroke.ts';
import { p5Activation } from './p5Activation.ts';
import { p6Check } from './p6Check.ts';
import { p6Scale } from './p6Scale.ts';
import { p7Batch } from './p7Batch.ts';
import type { JudgedRow } from './table.ts';
import { formatTable, judge, writeReport } from './table.ts';

const BENCHES: Readonly<Record<string, (log: Log) => Promise<BenchResult>>> = {
  p1: (log) => p1Throughput(log),
  p2: (log) => p2RateLimit(log),
  p3: (log) => p3Indexing(log),
  p4: (log) => p4ReviewKeystroke(log),
  p4checks: (log) => p4ChecksInProgress(log),
  p5: (log) => p5Activation(log),
  p6check: (log) => p6Check(log),
  p6: (log) => p6Scale(log),
  p7batch: (log) => p7Batch(log),
};

const REPORT = fileURLToPath(new URL('../test-output/bench.json', import.meta.url));

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
    return 2;
  }
  const names = wanted.length > 0 ? Object.keys(BENCHES).filter((n) => wanted.includes(n)) : Object.keys(BENCHES);
  const log: Log = (line) => process.stderr.write(`${line}\n`);
  // Other work on the machine skews every number here; say so up front rather than let a noisy
  // run pass for a regression.
  const loadBefore = loadavg()[0] ?? 0;
  if (loadBefore > availableParallelism() / 2) log(`bench: load average ${loadBefore.toFixed(2)} on ${availableParallelism()} CPUs: expect noisy numbers`);
  const rows: JudgedRow[] = [];
  const details: Record<string, unknown> = {};
  const started = Date.now();
  for (const name of names) {
    const t0 = performance.now();
    const result = await BENCHES[name]!(log);
    rows.push(...result.rows.map(judge));
    details[name] = { ...result.details, seconds: (performance.now() - t0) / 1000 };
    log(`${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  await writeReport(REPORT, {
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    machine: { node: process.version, platform: process.platform, cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? null, loadBefore, loadAfter: loadavg()[0] ?? 0 },
    results: rows,
    details,
  });
  process.stderr.write(`wrote ${REPORT}\n`);
  return 0;
}

process.exitCode = await main();
