// One indexing run in a process of its own, so the peak RSS it reports (the process's high-water
// mark) belongs to this run alone. Prints one JSON line: {mode, ms, cpuMs, lines, maxRssMB}. The
// times cover reading and parsing only, not Node's start-up; CPU time (all threads) is less
// sensitive than wall time to other work on a shared machine.
//   node bench/p3Child.ts seedsmith|readline FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { indexSeeds } from '../src/core/seeds/index.ts';

export type P3Mode = 'seedsmith' | 'readline';

const CHUNK = 1 << 20;

/** What SeedSmith does to inspect a big file: stream it through the indexer, keeping no seeds. */
async function seedsmith(file: string): Promise<number> {
  const index = await indexSeeds(createReadStream(file, { highWaterMark: CHUNK }), { keepSeeds: false });
  if (index.stats.invalid !== 0) throw new Error(`seed fixture has ${index.stats.invalid} invalid lines`);
  return index.stats.lines;
}

/**
 * The plainest fast Node loop over the same stream: readline's 'line' event and JSON.parse. (The
 * `for await (const line of rl)` form measured about 30 % slower here, so it would flatter SeedSmith.)
 */
function readline(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: CHUNK });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let count = 0;
    let objects = 0;
    input.once('error', reject);
    lines.on('line', (line) => {
      count++;
      if (line.length === 0) return;
      const value: unknown = JSON.parse(line);
      // Use the result, so the parse cannot be optimised away.
      if (typeof value === 'object' && value !== null) objects++;
    });
    lines.once('close', () => (objects === count ? resolve(count) : reject(new Error(`readline baseline: ${count - objects} lines were not objects`))));
  });
}

const [mode, file] = process.argv.slice(2);
if ((mode !== 'seedsmith' && mode !== 'readline') || !file) {
  process.stderr.write('usage: node bench/p3Child.ts seedsmith|readline FILE\n');
  process.exit(2);
}
const started = performance.now();
const cpu = process.cpuUsage();
const lines = mode === 'seedsmith' ? await seedsmith(file) : await readline(file);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
// maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ mode, ms, cpuMs: (used.user + used.system) / 1000, lines, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
