// P6 (scale): `generate`, `status`, `samples --json`, `check` (new-question and answer-augmentation
// sessions) and `export` on synthetic sessions of 10,000 and 100,000 samples (and 1,000,000 with
// SEEDSMITH_BENCH_P6_MILLION=1: writing and checking that takes a long while), each command in a
// process of its own (p6ScaleChild.ts) so its peak RSS is its own. The baseline, measured in the
// same run on the same journal, is the command as it was before sessions streamed (the whole
// session in memory, checks over it, one output string), up to 100,000 samples; at 1,000,000 the
// baseline is the goal, 500 MB. Printed as a growth table: how each command's peak RSS grows.
import { spawn } from 'node:child_process';
import { mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_NODE_FLAGS, relaunchArgs } from '../src/cli/nodeFlags.ts';
import { makeTempDir } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import type { BenchRow } from './table.ts';
import { startBenchTeacher } from './teacherHost.ts';

const CHILD = fileURLToPath(new URL('./p6ScaleChild.ts', import.meta.url));
/** The issue's goals: every command on 1M samples under 500 MB; a 10-sample run on 100k starts within 1 s and adds < 10 KB beyond its samples. */
const GOAL_RSS_MB = 500;
const GOAL_FIRST_REQUEST_MS = 1000;
const GOAL_JOURNAL_BYTES = 10 * 1024;
const RUN_SAMPLES = 10;

interface Measured {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly outBytes?: number;
  readonly firstRequestMs?: number | null;
  readonly bytes?: number;
}

function child(args: readonly string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    // A command runs with the V8 flags the shipped `seedsmith` relaunches it with (nodeFlags.ts).
    const flags = args[0] === 'cli' && relaunchArgs(process.execPath, [], [process.execPath, CHILD, args[2] ?? '']) !== null ? CLI_NODE_FLAGS : [];
    const proc = spawn(process.execPath, [...flags, CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    proc.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
    proc.once('error', reject);
    proc.once('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as Measured) : reject(new Error(`p6ScaleChild ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

/** What the journal gained from `from` on: all of it, and what is not a sample or its purchase (run-start, run-end, …). */
async function appended(journal: string, from: number): Promise<{ bytes: number; overhead: number; runStart: number; samples: number }> {
  const handle = await open(journal, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    let overhead = 0;
    let runStart = 0;
    let samples = 0;
    for (const line of buffer.toString('utf8').split('\n')) {
      if (line === '') continue;
      const type = (JSON.parse(line) as { type: string }).type;
      if (type === 'sample') samples += 1;
      if (type === 'run-start') runStart = Buffer.byteLength(line) + 1;
      if (!['sample', 'reserve', 'settle', 'completion'].includes(type)) overhead += Buffer.byteLength(line) + 1;
    }
    return { bytes: buffer.length, overhead, runStart, samples };
  } finally {
    await handle.close();
  }
}

export async function p6Scale(log: Log): Promise<BenchResult> {
  // SEEDSMITH_BENCH_P6_SIZES=1000000 measures one size alone (a long run, separately).
  const only = process.env['SEEDSMITH_BENCH_P6_SIZES']?.split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const sizes = only && only.length > 0 ? only : process.env['SEEDSMITH_BENCH_P6_MILLION'] === '1' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  const dir = await makeTempDir();
  const teacher = await startBenchTeacher({});
  const table: { samples: number; journalMB: Record<string, number>; baseline: Record<'new-question' | 'answer-augmentation', Measured>; inMemory: Record<string, Measured>; commands: Record<string, Measured>; generate: Awaited<ReturnType<typeof appended>> }[] = [];
  try {
    for (const samples of sizes) {
      const nq = join(dir.path, `nq${samples}`);
      const aa = join(dir.path, `aa${samples}`);
      const journalMB: Record<string, number> = {};
      for (const [where, strategy] of [[nq, 'new-question'], [aa, 'answer-augmentation']] as const) {
        await mkdir(where);
        const written = await child(['write', where, String(samples), strategy]);
        journalMB[strategy] = (written.bytes ?? 0) / 1e6;
        log(`P6 scale ${samples}: wrote a ${strategy} journal of ${journalMB[strategy]!.toFixed(0)} MB in ${(written.ms / 1000).toFixed(1)} s`);
      }
      const baseline = { 'new-question': await child(['baseline', nq]), 'answer-augmentation': await child(['baseline', aa]) };
      const session = (where: string) => ['--session', join(where, 'session')];
      const seeds = (where: string) => ['--seeds', join(where, 'seeds.jsonl')];
      const commands: Record<string, Measured> = {};
      const inMemory: Record<string, Measured> = {};
      // The in-memory forms of the 1M case would need gigabytes: the goal is the baseline there.
      if (samples <= 100_000) {
        for (const [name, where, command] of [['status', nq, 'status'], ['samples --json', nq, 'samples'], ['check new-question', nq, 'check'], ['check answer-aug.', aa, 'check'], ['export', nq, 'export']] as const) {
          inMemory[name] = await child(['inmemory', where, command]);
          log(`P6 scale ${samples}: ${name} in memory (before): peak RSS ${inMemory[name]!.maxRssMB.toFixed(0)} MB, CPU ${(inMemory[name]!.cpuMs / 1000).toFixed(1)} s`);
        }
      }
      const run = async (name: string, where: string, args: readonly string[]) => {
        commands[name] = await child(['cli', where, ...args]);
        const m = commands[name]!;
        log(`P6 scale ${samples}: ${name}: peak RSS ${m.maxRssMB.toFixed(0)} MB, CPU ${(m.cpuMs / 1000).toFixed(1)} s, wall ${(m.ms / 1000).toFixed(1)} s${m.outBytes ? `, ${(m.outBytes / 1e6).toFixed(0)} MB out` : ''}`);
      };
      await run('status', nq, ['status', ...session(nq), '--json']);
      await run('samples --json', nq, ['samples', ...session(nq), ...seeds(nq), '--json']);
      await run('check new-question', nq, ['check', ...session(nq), ...seeds(nq), '--json']);
      await run('check answer-aug.', aa, ['check', ...session(aa), ...seeds(aa), '--json']);
      await run('export', nq, ['export', ...session(nq), ...seeds(nq), '--format', 'openai-chat', '--out', join(nq, 'train.jsonl'), '--include-pending', '--include-rejected', '--json']);
      // A run of RUN_SAMPLES more answers on the answer-augmentation session: the budget is what it
      // spent plus that. The synthetic session has no journal checkpoint yet, as a session written
      // before checkpoints: its first run reads the journal whole and writes one at its end. The
      // run measured is the next, as every run after the first. Not at 1M: that first run reading
      // the session whole takes gigabytes there.
      const journal = join(aa, 'session', 'journal.jsonl');
      const generateArgs = (runs: number) => ['generate', join(aa, 'seeds.jsonl'), ...session(aa), '--budget', String(samples + runs * RUN_SAMPLES), '--strategy', 'answer-augmentation', '--teacher-model', 'seedsmith-teacher', '--base-url', teacher.url, '--json'];
      if (samples <= 100_000) {
        await run('generate +10, no checkpoint', aa, generateArgs(1));
        log(`P6 scale ${samples}: generate +10 without a checkpoint (reads the journal whole): first request after ${(commands['generate +10, no checkpoint']!.firstRequestMs ?? NaN).toFixed(0)} ms`);
      }
      const before = (await stat(journal)).size;
      if (samples <= 100_000) await run('generate +10', aa, generateArgs(2));
      const generate = await appended(journal, before);
      if (commands['generate +10']) log(`P6 scale ${samples}: generate +10: first request after ${(commands['generate +10']!.firstRequestMs ?? NaN).toFixed(0)} ms; journal +${generate.bytes} bytes for ${generate.samples} samples, of which ${generate.overhead} not samples or their purchases (run-start ${generate.runStart})`);
      table.push({ samples, journalMB, baseline, inMemory, commands, generate });
    }

    log('P6 scale growth (peak RSS MB per command; "× per ×10": growth when the session grows tenfold):');
    const names = [...new Set(table.flatMap((t) => Object.keys(t.commands)))];
    const rowsOf = (name: string, pick: (t: (typeof table)[number]) => number) => table.map((t) => pick(t));
    const header = `  ${'command'.padEnd(22)}${table.map((t) => String(t.samples).padStart(10)).join('')}${'× per ×10'.padStart(11)}`;
    log(header);
    const line = (name: string, values: number[]) => {
      const first = values[0] ?? 0;
      const last = values.at(-1) ?? 0;
      const decades = Math.log10((table.at(-1)?.samples ?? 1) / (table[0]?.samples ?? 1));
      const growth = decades > 0 && first > 0 ? (last / first) ** (1 / decades) : null;
      log(`  ${name.padEnd(22)}${values.map((v) => v.toFixed(0).padStart(10)).join('')}${(growth === null ? '—' : growth.toFixed(2)).padStart(11)}`);
    };
    line('read session (NQ)', rowsOf('baseline', (t) => t.baseline['new-question'].maxRssMB));
    line('read session (AA)', rowsOf('baseline', (t) => t.baseline['answer-augmentation'].maxRssMB));
    for (const name of names) {
      line(name, rowsOf(name, (t) => t.commands[name]?.maxRssMB ?? Number.NaN));
      if (table.every((t) => t.inMemory[name])) line(`  before (in memory)`, rowsOf(name, (t) => t.inMemory[name]!.maxRssMB));
    }
    line('journal MB (NQ)', rowsOf('journal', (t) => t.journalMB['new-question'] ?? 0));

    const rows: BenchRow[] = [];
    for (const t of table) {
      for (const name of names) {
        const m = t.commands[name];
        if (!m) continue;
        const read = name.includes('answer-aug') || name.startsWith('generate') ? t.baseline['answer-augmentation'] : t.baseline['new-question'];
        const before = t.inMemory[name];
        const atGoal = t.samples === 1_000_000;
        const base = atGoal ? GOAL_RSS_MB : (before?.maxRssMB ?? null);
        rows.push({
          bench: 'P6',
          name: `${name} ${t.samples}, peak RSS${atGoal ? ' (goal < 500 MB)' : before ? ' vs in memory' : ''}`,
          measured: m.maxRssMB,
          baseline: base,
          unit: 'MB',
          ratio: base === null ? null : m.maxRssMB / base,
          goal: atGoal ? { op: '<', value: 1 } : null,
          note: `CPU ${(m.cpuMs / 1000).toFixed(1)} s, wall ${(m.ms / 1000).toFixed(1)} s${before ? `; in memory: CPU ${(before.cpuMs / 1000).toFixed(1)} s` : ''}; reading the session whole: ${read.maxRssMB.toFixed(0)} MB`,
        });
      }
      if (t.samples === 100_000) {
        const g = t.commands['generate +10']!;
        rows.push({ bench: 'P6', name: `generate +${RUN_SAMPLES} on ${t.samples}: first request`, measured: g.firstRequestMs ?? Number.POSITIVE_INFINITY, baseline: GOAL_FIRST_REQUEST_MS, unit: 'ms', ratio: (g.firstRequestMs ?? Number.POSITIVE_INFINITY) / GOAL_FIRST_REQUEST_MS, goal: { op: '<', value: 1 } });
        rows.push({ bench: 'P6', name: `generate +${RUN_SAMPLES} on ${t.samples}: journal beyond its samples`, measured: t.generate.overhead, baseline: GOAL_JOURNAL_BYTES, unit: 'bytes', ratio: t.generate.overhead / GOAL_JOURNAL_BYTES, goal: { op: '<', value: 1 }, note: `+${t.generate.bytes} bytes in all for ${t.generate.samples} samples; run-start ${t.generate.runStart} bytes` });
      }
    }
    return { rows, details: { table } };
  } finally {
    await teacher.close();
    await dir.remove();
  }
}
