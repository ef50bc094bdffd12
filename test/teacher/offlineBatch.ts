// The test teacher's offline mode: runs a batch input file to an output file with no server, as
// vLLM's `run-batch` does (`python -m vllm.entrypoints.openai.run_batch -i in.jsonl -o out.jsonl
// --model M`). Successes and errors go into the one output file, in the input's order (or
// shuffled), joined to the input by custom_id. It is the independent runner that
// `seedsmith batch export` → run → `seedsmith batch import` is tested with.
//   node test/teacher/offlineBatch.ts -i in.jsonl -o out.jsonl [--knobs '{"batchLineErrorRate":0.1}'] [--learn seeds.jsonl]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readBatchInput } from './batchInput.ts';
import type { BatchRecord } from './batchRecords.ts';
import { failedRecord, lineFate, ranRecord, shuffled, toJsonl } from './batchRecords.ts';
import { executeChat } from './chatExecution.ts';
import type { GoldPair } from './goldRegistry.ts';
import type { TeacherKnobs } from './knobs.ts';
import { parseKnobPatch } from './knobs.ts';
import { TeacherCore } from './teacherCore.ts';

export interface OfflineResult {
  readonly lines: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** Runs `input` (JSONL text) and returns the output file's text. Expiry and drops do not apply: an offline runner runs every line. */
export function runOffline(input: string, knobs: Partial<TeacherKnobs> = {}, gold: readonly GoldPair[] = []): { readonly output: string; readonly result: OfflineResult } {
  const core = new TeacherCore(knobs);
  core.registry.learn(gold);
  const read = readBatchInput(input, '/v1/chat/completions');
  if (!read.ok) throw new Error(`line ${read.problem.line ?? '?'}: ${read.problem.message}`);
  const records: BatchRecord[] = [];
  let failed = 0;
  for (const line of read.lines) {
    const fate = lineFate(core.knobs, line.customId, true);
    if (fate === 'error') {
      records.push(failedRecord(line.customId));
      failed++;
      continue;
    }
    const executed = executeChat(core, core.knobs, line.body);
    if (executed.statusCode !== 200) failed++;
    records.push(ranRecord(line.customId, executed));
  }
  const ordered = core.knobs.batchShuffle ? shuffled(records, core.knobs.seed, 'offline') : records;
  return { output: toJsonl(ordered), result: { lines: records.length, succeeded: records.length - failed, failed } };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { i: { type: 'string' }, o: { type: 'string' }, knobs: { type: 'string' }, learn: { type: 'string', multiple: true } }, strict: true });
  if (values.i === undefined || values.o === undefined) {
    process.stderr.write('usage: offlineBatch.ts -i in.jsonl -o out.jsonl [--knobs JSON] [--learn seeds.jsonl]\n');
    process.exit(2);
  }
  const knobs = parseKnobPatch(values.knobs === undefined ? {} : JSON.parse(values.knobs));
  const gold: GoldPair[] = [];
  for (const file of values.learn ?? []) {
    for (const line of (await readFile(file, 'utf8')).split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const { question, answer } = JSON.parse(line) as GoldPair;
      if (typeof question === 'string') gold.push({ question, answer });
    }
  }
  const { output, result } = runOffline(await readFile(values.i, 'utf8'), knobs, gold);
  await writeFile(values.o, output);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
