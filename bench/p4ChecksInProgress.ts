// P4 with checks in progress: while the editor's checks worker checks a 100,000-sample
// new-question session, how long does the extension host's thread keep a review keystroke
// waiting? A keystroke reaches the host as a message that waits for the thread to be free, so
// the measure is the delay of a task queued every few milliseconds (the probe) while the real
// ChecksCache (src/host/checks) hands the session to the real worker, part by part, until every
// result is back. Baseline in the same run: the same probe on an idle thread for as long. Goal:
// the 99th percentile delay under 16 ms (one frame), so a keystroke during checks still paints in
// time (P4 measures the webview's own part of the keystroke). The worst delay is printed beside
// the idle thread's: on a busy machine the scheduler alone gives the idle one stalls as long.
import { seedHash } from '../src/core/seeds/seedHash.ts';
import type { JournalEvent } from '../src/core/journal/events.ts';
import { reduceJournal } from '../src/core/journal/reduce.ts';
import type { Sample } from '../src/core/samples/sample.ts';
import type { Seed } from '../src/core/seeds/types.ts';
import { ChecksCache } from '../src/host/checks/checksCache.ts';
import { gsm8kSeed } from '../test/support/seedFixtures.ts';
import { inventQuestions } from '../test/teacher/questionWriter.ts';
import { createRng } from '../test/teacher/rng.ts';
import type { BenchResult, Log } from './benchTypes.ts';

const SAMPLES = 100_000;
const SEEDS = 100;
/** How often the probe queues a task (a fast typist's key repeat is ~30 ms). */
const PROBE_EVERY_MS = 5;
const FRAME_MS = 16;
const WORKER = new URL('../src/host/checks/checksWorker.ts', import.meta.url);
const at = '2026-01-01T00:00:00.000Z';

interface Delays {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Queues a task every PROBE_EVERY_MS until stopped and records how late each one ran. */
function probe(): { stop: () => Delays } {
  const delays: number[] = [];
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const queued = performance.now();
    // A message from the webview is a macrotask: setImmediate waits behind whatever holds the thread.
    setImmediate(() => {
      delays.push(performance.now() - queued);
      if (running) timer = setTimeout(tick, PROBE_EVERY_MS);
    });
  };
  tick();
  return {
    stop: () => {
      running = false;
      clearTimeout(timer);
      const sorted = [...delays].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      return { count: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1] ?? 0 };
    },
  };
}

function session(): { seeds: Seed[]; events: JournalEvent[] } {
  const seeds: Seed[] = Array.from({ length: SEEDS }, (_, i) => {
    const { question, answer } = gsm8kSeed(i);
    return { line: i + 1, question, answer, hash: seedHash(question, answer) };
  });
  const events: JournalEvent[] = inventQuestions(SAMPLES, createRng(SAMPLES)).map((q, i): JournalEvent => {
    const seed = seeds[i % SEEDS] as Seed;
    const sample: Sample = {
      id: `s${i}`, unitKey: `u${i}`, runId: 'r1', outputKey: `s${i}`, strategy: 'new-question',
      question: q.question, answer: `${q.reason}\n#### ${q.answer}`, flags: [],
      seedLines: [seed.line], seedHashes: [seed.hash], exampleSampleIds: [], calls: [],
      teacher: { model: 'seedsmith-teacher', endpoint: 'http://127.0.0.1/v1' }, augmenter: null, createdAt: at,
    };
    return { type: 'sample', at, sample };
  });
  return { seeds, events };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const fmt = (d: Delays) => `p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms over ${d.count} probes`;

export async function p4ChecksInProgress(log: Log): Promise<BenchResult> {
  const { seeds, events } = session();
  const state = reduceJournal(events);
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const cache = new ChecksCache('/nowhere', () => {
    if (cache.all().size === SAMPLES) done();
  }, WORKER);
  try {
    const busy = probe();
    const started = performance.now();
    cache.refresh(state, seeds, 'seeds-v1');
    await finished;
    const seconds = (performance.now() - started) / 1000;
    const during = busy.stop();
    // The baseline: the same probe for as long on a thread with nothing else to do.
    const idle = probe();
    await wait(seconds * 1000);
    const quiet = idle.stop();
    log(`P4 checks in progress: ${SAMPLES} samples checked in ${seconds.toFixed(1)} s; host delay during: ${fmt(during)}; idle: ${fmt(quiet)}`);
    return {
      rows: [
        {
          bench: 'P4',
          name: `host's p99 delay while ${SAMPLES.toLocaleString('en-US')} samples are checked`,
          measured: during.p99,
          baseline: quiet.p99,
          unit: 'ms',
          // Against one frame: the baseline says what an idle thread gives on this machine.
          ratio: during.p99 / FRAME_MS,
          goal: { op: '<', value: 1 },
          note: `worst ${during.max.toFixed(1)} ms (idle thread's worst ${quiet.max.toFixed(1)}); checks took ${seconds.toFixed(1)} s`,
        },
      ],
      details: { samples: SAMPLES, seconds, during, idle: quiet },
    };
  } finally {
    cache.dispose();
  }
}
