// One SeedSmith command in a process of its own, so the peak RSS and CPU time it reports are its
// own (p6Scale.ts runs one of these per command and size).
//   node bench/p6ScaleChild.ts write DIR COUNT STRATEGY   a synthetic session: DIR/seeds.jsonl, DIR/session/journal.jsonl
//   node bench/p6ScaleChild.ts baseline DIR               the in-memory reading every command did before (readSession)
//   node bench/p6ScaleChild.ts inmemory DIR COMMAND       what COMMAND (status|samples|check|export) did before sessions
//                                                         streamed: the whole session in memory, checks over it, one output string
//   node bench/p6ScaleChild.ts cli DIR ARG...             `seedsmith ARG...`, stdout to /dev/null (written as it comes)
// Prints one JSON line. In `cli`, firstRequestMs is when the first HTTP request left (generate).
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seedFileText } from '../test/support/seedFixtures.ts';
import { writeSyntheticJournal } from '../test/support/syntheticSession.ts';
import type { SyntheticStrategy } from '../test/support/syntheticSession.ts';

const SEEDS = 100;

function report(extra: Record<string, unknown>, started: number, cpu: NodeJS.CpuUsage): void {
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra })}\n`);
}

async function write(dir: string, count: number, strategy: SyntheticStrategy): Promise<void> {
  const { loadSeeds } = await import('../src/cli/loadSeeds.ts');
  const seedFile = join(dir, 'seeds.jsonl');
  await writeFile(seedFile, seedFileText(SEEDS));
  const seeds = await loadSeeds('bench', seedFile, () => undefined);
  await mkdir(join(dir, 'session'), { recursive: true });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { events } = await writeSyntheticJournal(join(dir, 'session', 'journal.jsonl'), { samples: count, strategy, seeds, seedFile, decided: 0.4, repeatEvery: 1000 });
  report({ events, bytes: statSync(join(dir, 'session', 'journal.jsonl')).size }, started, cpu);
}

async function baseline(dir: string): Promise<void> {
  const { readSession } = await import('../src/node/sessionFolder.ts');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { state } = await readSession(join(dir, 'session'));
  report({ samples: state.samples.size }, started, cpu);
}

/**
 * The commands as they were before they streamed, with the functions they used then (all still
 * there: the editor reads sessions in memory): the same work, on the whole state at once.
 */
async function inMemory(dir: string, command: string): Promise<void> {
  const { readSession } = await import('../src/node/sessionFolder.ts');
  const { runChecks } = await import('../src/core/checks/runChecks.ts');
  const { profileSeeds } = await import('../src/core/profile/index.ts');
  const { loadSeeds } = await import('../src/cli/loadSeeds.ts');
  const { sampleRows, statusJson } = await import('../src/cli/sessionViews.ts');
  const { sessionStats } = await import('../src/core/stats/sessionStats.ts');
  const { buildExport } = await import('../src/core/export/buildExport.ts');
  const { writeExportFiles } = await import('../src/node/exportFiles.ts');
  const seedFile = join(dir, 'seeds.jsonl');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const session = join(dir, 'session');
  const { state } = await readSession(session);
  const seeds = await loadSeeds('bench', seedFile, () => undefined);
  let out = '';
  if (command === 'status') out = JSON.stringify(statusJson(state, session, false));
  else if (command === 'samples') {
    const results = runChecks(state, seeds, { profile: profileSeeds(seeds, { kind: 'auto' }) }).results;
    out = JSON.stringify({ samples: sampleRows(state, undefined, results), checkSeeds: { file: seedFile, note: null } });
  } else if (command === 'check') {
    const results = runChecks(state, seeds, { profile: profileSeeds(seeds, { kind: 'auto' }) }).results;
    const problems = [];
    for (const [id, list] of results) for (const r of list) if (r.status === 'fail' || r.status === 'warn') problems.push({ id, state: state.reviews.get(id)?.state ?? 'pending', check: r.check, status: r.status, detail: r.detail });
    out = JSON.stringify({ samples: state.samples.size, problems, stats: sessionStats(state, results) });
  } else if (command === 'export') {
    const build = buildExport(state, { format: 'openai-chat', contexts: new Map(), checks: runChecks(state, seeds).results, includePending: true, includeRejected: true });
    await writeExportFiles(join(dir, 'train-inmemory.jsonl'), build);
  } else throw new Error(`no in-memory form of ${command}`);
  report({ outBytes: Buffer.byteLength(out) }, started, cpu);
}

async function cli(args: readonly string[]): Promise<void> {
  const { runCli } = await import('../src/cli/runCli.ts');
  // Loaded before the clock starts: the shipped CLI is one bundle, its modules parsed at start.
  await Promise.all(['status', 'samples', 'check', 'export', 'generate'].map((name) => import(`../src/cli/${name}Command.ts`)));
  const sink = openSync('/dev/null', 'w');
  let outBytes = 0;
  let firstRequestMs: number | null = null;
  const started = performance.now();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    firstRequestMs ??= performance.now() - started;
    return realFetch(input, init);
  };
  const cpu = process.cpuUsage();
  const code = await runCli(args, {
    out: (text) => {
      outBytes += Buffer.byteLength(text);
      writeSync(sink, text);
    },
    outDrained: async () => undefined,
    err: () => undefined,
    env: { OPENAI_API_KEY: 'sk-bench-p6' },
  });
  closeSync(sink);
  if (code !== 0) throw new Error(`seedsmith ${args.join(' ')} exited ${code}`);
  report({ outBytes, firstRequestMs }, started, cpu);
}

const [mode, dir, ...rest] = process.argv.slice(2);
if (mode === 'write' && dir && rest[0] && rest[1]) await write(dir, Number(rest[0]), rest[1] as SyntheticStrategy);
else if (mode === 'baseline' && dir) await baseline(dir);
else if (mode === 'inmemory' && dir && rest[0]) await inMemory(dir, rest[0]);
else if (mode === 'cli' && dir) await cli(rest);
else {
  process.stderr.write('usage: node bench/p6ScaleChild.ts write DIR COUNT STRATEGY | baseline DIR | inmemory DIR COMMAND | cli DIR ARG...\n');
  process.exit(2);
}
