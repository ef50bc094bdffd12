// One `seedsmith check` in a process of its own, so the CPU time and peak RSS it reports are its
// own. `write` makes the synthetic session first: COUNT new-question samples written the way the
// test teacher invents them (a handful of templates, names and numbers varied: nearly every one
// is within ROUGE-L 0.7 of hundreds of others, the case that made duplicate checks quadratic),
// and 100 GSM8K-style seeds. `check … reference` runs the same command with the near-duplicate
// index that issue 12 replaced (test/support/referenceNearDuplicate.ts) swapped in at module
// resolution, so both sides run the same code around it.
//   node bench/p6CheckChild.ts write DIR COUNT
//   node bench/p6CheckChild.ts check DIR bounded|reference
// Prints one JSON line.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { once } from 'node:events';
import type { JournalEvent } from '../src/core/journal/events.ts';
import type { Sample } from '../src/core/samples/sample.ts';
import { seedHash } from '../src/core/seeds/seedHash.ts';
import { gsm8kSeed, seedFileText } from '../test/support/seedFixtures.ts';
import { inventQuestions } from '../test/teacher/questionWriter.ts';
import { createRng } from '../test/teacher/rng.ts';

const SEEDS = 100;
const at = '2026-01-01T00:00:00.000Z';

async function write(dir: string, count: number): Promise<void> {
  await writeFile(join(dir, 'seeds.jsonl'), seedFileText(SEEDS));
  const out = createWriteStream(join(dir, 'journal.jsonl'));
  const questions = inventQuestions(count, createRng(count));
  for (const [i, q] of questions.entries()) {
    const seed = gsm8kSeed(i % SEEDS);
    const sample: Sample = {
      id: `s${i}`, unitKey: `u${i}`, runId: 'r1', outputKey: `s${i}`, strategy: 'new-question',
      question: q.question, answer: `${q.reason}\n#### ${q.answer}`, flags: [],
      seedLines: [(i % SEEDS) + 1], seedHashes: [seedHash(seed.question, seed.answer)], exampleSampleIds: [], calls: [],
      teacher: { model: 'seedsmith-teacher', endpoint: 'http://127.0.0.1/v1' }, augmenter: null, createdAt: at,
    };
    if (!out.write(`${JSON.stringify({ type: 'sample', at, sample } satisfies JournalEvent)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  process.stdout.write(`${JSON.stringify({ samples: questions.length })}\n`);
}

async function check(dir: string, index: 'bounded' | 'reference'): Promise<void> {
  // Set when the reference index was really swapped in (a wrong path would silently measure the new one).
  let swapped = false;
  if (index === 'reference') {
    const reference = new URL('./referenceIndexShim.ts', import.meta.url).href;
    registerHooks({
      resolve(specifier, context, next) {
        const resolved = next(specifier, context);
        const fromReference = context.parentURL?.endsWith('/referenceNearDuplicate.ts') === true || context.parentURL === reference;
        if (!resolved.url.endsWith('/src/core/checks/nearDuplicateIndex.ts') || fromReference) return resolved;
        swapped = true;
        return { ...resolved, url: reference };
      },
    });
  }
  const { runCli } = await import('../src/cli/runCli.ts');
  // Loaded (and their types stripped) before the clock starts: the shipped CLI is a bundle.
  await import('../src/cli/checkCommand.ts');
  let json = '';
  const started = performance.now();
  const cpu = process.cpuUsage();
  const code = await runCli(['check', '--session', dir, '--seeds', join(dir, 'seeds.jsonl'), '--json'], { out: (text) => (json += text), err: () => undefined, env: {} });
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`seedsmith check exited ${code}`);
  if (index === 'reference' && !swapped) throw new Error('the reference index was not swapped in');
  const report = JSON.parse(json) as { checks: { duplicate: Record<string, number> } };
  process.stdout.write(`${JSON.stringify({ index, ms, cpuMs: (used.user + used.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, duplicate: report.checks.duplicate })}\n`);
}

const [mode, dir, arg] = process.argv.slice(2);
if (mode === 'write' && dir && arg) await write(dir, Number(arg));
else if (mode === 'check' && dir && (arg === 'bounded' || arg === 'reference')) await check(dir, arg);
else {
  process.stderr.write('usage: node bench/p6CheckChild.ts write DIR COUNT | check DIR bounded|reference\n');
  process.exit(2);
}
