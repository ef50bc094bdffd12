// Command-line entry: runs a test teacher until SIGINT/SIGTERM, for `npm start` and browser tests.
//   node test/teacher/serve.ts [--port 8787] [--host 127.0.0.1] [--latency 200] [--seed 7]
//                              [--knobs '{"errorRate":0.1}'] [--learn seeds.jsonl ...]
// Prints "teacher listening on <base url ending in /v1>" on stdout once it accepts requests.
// --learn preloads gold answers from JSONL {question, answer} lines, so a person trying the
// extension by hand sees answers that match their seeds.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { GoldPair } from './goldRegistry.ts';
import type { TeacherKnobs } from './knobs.ts';
import { parseKnobPatch } from './knobs.ts';
import { startTestTeacher } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`teacher: ${message}\n`);
  process.exit(2);
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) fail(`--${name} expects a number, got "${value}"`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      knobs: { type: 'string' },
      learn: { type: 'string', multiple: true },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

let knobs: Partial<TeacherKnobs> = {};
try {
  const fromJson = values.knobs === undefined ? {} : (JSON.parse(values.knobs) as unknown);
  const latencyMs = numberOption('latency', values.latency);
  const seed = numberOption('seed', values.seed);
  // --latency and --seed are shorthands; explicit flags win over the same key inside --knobs.
  knobs = parseKnobPatch({
    ...(fromJson as object),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
} catch (error) {
  fail(`bad knobs: ${(error as Error).message}`);
}

async function readPairs(file: string): Promise<GoldPair[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => fail(`cannot read ${file}: ${(error as Error).message}`));
  const pairs: GoldPair[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      const { question, answer } = JSON.parse(line) as { question?: unknown; answer?: unknown };
      if (typeof question === 'string' && (typeof answer === 'string' || typeof answer === 'number')) pairs.push({ question, answer });
    } catch {
      // A bad line is the seed parser's business, not the teacher's: skip it.
    }
  }
  return pairs;
}

const pairs = (await Promise.all((values.learn ?? []).map(readPairs))).flat();
const port = numberOption('port', values.port) ?? 8787;
const teacher = await startTestTeacher({ ...knobs, port, ...(values.host !== undefined ? { host: values.host } : {}) }).catch(
  (error: unknown) => fail(`cannot listen on port ${port}: ${(error as Error).message}`),
);
teacher.learn(pairs);
if (pairs.length > 0) process.stderr.write(`teacher: learnt ${pairs.length} gold answers\n`);
process.stdout.write(`teacher listening on ${teacher.url}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  teacher.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
