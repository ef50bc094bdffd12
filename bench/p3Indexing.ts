// P3: indexing a ~200 MB GSM8K-style seed file (what `seedsmith inspect` and the editor do on
// open) against the plainest Node loop (readline + JSON.parse) and against `jq -c .`, which
// parses and re-serialises every line in C. Each run is a child process of its own so its peak
// RSS is its own; timings are the best of `runs`, interleaved so drift hits every contender.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, writeSeedFile } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import type { BenchRow } from './table.ts';

export interface P3Options {
  readonly megabytes?: number;
  readonly runs?: number;
}

interface Measured {
  readonly ms: number;
  /** User + system CPU time; null when it could not be measured. */
  readonly cpuMs: number | null;
  /** null when it could not be measured (no /usr/bin/time for jq). */
  readonly maxRssMB: number | null;
  readonly lines: number | null;
}

const CHILD = fileURLToPath(new URL('./p3Child.ts', import.meta.url));
const GNU_TIME = '/usr/bin/time';

function onPath(command: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
}

function collect(command: string, args: readonly string[], stdout: 'pipe' | 'ignore'): Promise<{ out: string; err: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (err += text));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ out, err, ms });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.trim()}`));
    });
  });
}

async function nodeRun(mode: 'seedsmith' | 'readline', file: string): Promise<Measured> {
  const { out } = await collect(process.execPath, [CHILD, mode, file], 'pipe');
  const result = JSON.parse(out.trim()) as { ms: number; cpuMs: number; lines: number; maxRssMB: number };
  return { ms: result.ms, cpuMs: result.cpuMs, maxRssMB: result.maxRssMB, lines: result.lines };
}

/** jq's output goes to /dev/null (not through a pipe we would have to drain); GNU time reports its peak RSS. */
async function jqRun(jq: string, file: string): Promise<Measured> {
  if (!existsSync(GNU_TIME)) {
    const { ms } = await collect(jq, ['-c', '.', file], 'ignore');
    return { ms, cpuMs: null, maxRssMB: null, lines: null };
  }
  const { err, ms } = await collect(GNU_TIME, ['-f', 'maxrss_kb=%M cpu_s=%U+%S', jq, '-c', '.', file], 'ignore');
  const kb = /maxrss_kb=(\d+)/.exec(err)?.[1];
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(err);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, maxRssMB: kb === undefined ? null : Number(kb) / 1024, lines: null };
}

/** Written pages flushed before timing, so the kernel's writeback does not compete with the first runs. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function p3Indexing(log: Log, options: P3Options = {}): Promise<BenchResult> {
  const megabytes = options.megabytes ?? 200;
  const runs = options.runs ?? 3;
  const jq = onPath('jq');
  const dir = await makeTempDir();
  try {
    const file = join(dir.path, 'seeds.jsonl');
    const writing = performance.now();
    const written = await writeSeedFile(file, { bytes: megabytes * 1024 * 1024 });
    await syncFile(file);
    log(`P3: wrote ${(written.bytes / 2 ** 20).toFixed(0)} MiB, ${written.lines} seed lines in ${((performance.now() - writing) / 1000).toFixed(1)} s; ${runs} runs each${jq ? '' : ' (no jq on PATH)'}`);

    const results: Record<'seedsmith' | 'readline' | 'jq', Measured[]> = { seedsmith: [], readline: [], jq: [] };
    for (let i = 0; i < runs; i++) {
      results.seedsmith.push(await nodeRun('seedsmith', file));
      results.readline.push(await nodeRun('readline', file));
      if (jq) results.jq.push(await jqRun(jq, file));
      const last = (xs: readonly Measured[]) => (xs.length > 0 ? `${xs[xs.length - 1]!.ms.toFixed(0)} ms` : '—');
      log(`  run ${i + 1}: SeedSmith ${last(results.seedsmith)}, readline ${last(results.readline)}, jq ${last(results.jq)}`);
    }
    for (const m of [...results.seedsmith, ...results.readline]) {
      if (m.lines !== written.lines) throw new Error(`P3: a run read ${m.lines} lines, the file has ${written.lines}`);
    }
    const best = (xs: readonly Measured[]) => Math.min(...xs.map((m) => m.ms));
    const bestCpu = (xs: readonly Measured[]) => {
      const cpu = xs.map((m) => m.cpuMs).filter((v): v is number => v !== null);
      return cpu.length > 0 ? `${Math.min(...cpu).toFixed(0)} ms` : 'n/a';
    };
    const peak = (xs: readonly Measured[]) => {
      const rss = xs.map((m) => m.maxRssMB).filter((v): v is number => v !== null);
      return rss.length > 0 ? Math.max(...rss) : null;
    };
    const ours = best(results.seedsmith);
    const plain = best(results.readline);
    const mbps = (ms: number) => written.bytes / 2 ** 20 / (ms / 1000);
    const rows: BenchRow[] = [
      {
        bench: 'P3',
        name: `index ${megabytes} MB vs readline+JSON.parse`,
        measured: ours,
        baseline: plain,
        unit: 'ms',
        ratio: ours / plain,
        goal: { op: '<=', value: 1.4 },
        note: `SeedSmith ${mbps(ours).toFixed(0)} MiB/s, readline ${mbps(plain).toFixed(0)} MiB/s; best of ${runs}; best CPU time SeedSmith ${bestCpu(results.seedsmith)}, readline ${bestCpu(results.readline)}${jq ? `, jq ${bestCpu(results.jq)}` : ''}`,
      },
    ];
    if (jq) {
      const jqBest = best(results.jq);
      rows.push({ bench: 'P3', name: `index ${megabytes} MB vs jq -c .`, measured: ours, baseline: jqBest, unit: 'ms', ratio: ours / jqBest, goal: { op: '<', value: 1 } });
    }
    const ourRss = peak(results.seedsmith);
    const plainRss = peak(results.readline);
    if (ourRss !== null && plainRss !== null) {
      rows.push({ bench: 'P3', name: 'peak RSS, SeedSmith vs readline', measured: ourRss, baseline: plainRss, unit: 'MB', ratio: ourRss / plainRss, goal: null });
    }
    const jqRss = peak(results.jq);
    if (ourRss !== null && jqRss !== null) {
      rows.push({ bench: 'P3', name: 'peak RSS, SeedSmith vs jq', measured: ourRss, baseline: jqRss, unit: 'MB', ratio: ourRss / jqRss, goal: null });
    }
    return { rows, details: { bytes: written.bytes, lines: written.lines, runs, jq, results } };
  } finally {
    await dir.remove();
  }
}
