// P2: an endpoint with a sliding-window request limit (R requests per W ms; above it 429 with
// `Retry-After: 1`, a hint far shorter than the wait, as some servers send). By default 300
// requests per 60-second window and a 600-query run at concurrency 16: the first window is used up
// in seconds, and the run must wait about a minute without giving up, then spend the rest. A plain
// openai pool (SDK defaults, 2 retries) sends the same 600 requests against its own teacher with
// the same limit, at the same time, as the yardstick for 429s. Measured:
// - completions the server made in each of the first k windows (stats read at t0 + iW), against R:
//   the most any client can get is exactly R per window, so the ratio is the share of the allowed
//   rate SeedSmith actually used;
// - the budget after the run: the ledger never spends past the limit, and the server's own count
//   of completions equals the ledger's (every 429 released, nothing lost or double counted).
import OpenAI from 'openai';
import { indexSeedText } from '../src/core/seeds/index.ts';
import type { GenerationRun } from '../src/core/engine/runGeneration.ts';
import type { TeacherEvent } from '../src/teacher/index.ts';
import { seedFileText } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import { runSeedSmith, TEACHER_MODEL } from './seedsmithRun.ts';
import type { TeacherPlacement } from './teacherHost.ts';
import { startBenchTeacher } from './teacherHost.ts';

export interface P2Options {
  /** R: requests allowed per window. */
  readonly limit?: number;
  readonly windowMs?: number;
  /** k: windows measured. */
  readonly windows?: number;
  readonly concurrency?: number;
  readonly latencyMs?: number;
  /** Queries the run may spend; default 2 windows' worth, all of which must be served. */
  readonly budget?: number;
  /** Retry-After the endpoint sends with a refusal, in seconds; null sends the exact wait. */
  readonly retryAfterSeconds?: number | null;
  readonly placement?: TeacherPlacement;
}

interface PoolResult {
  readonly completed: number;
  readonly failed: number;
  readonly ms: number;
}

/** The same number of requests through a plain openai pool: SDK defaults, failures counted and dropped. */
async function plainPool(url: string, count: number, concurrency: number): Promise<PoolResult> {
  const client = new OpenAI({ baseURL: url, apiKey: 'sk-bench', maxRetries: 2 });
  let next = 0;
  let completed = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        try {
          await client.chat.completions.create({ model: TEACHER_MODEL, messages: [{ role: 'user', content: `Question ${i}: what is ${i} + 1?` }], max_tokens: 256 });
          completed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { completed, failed, ms: performance.now() - started };
}

export async function p2RateLimit(log: Log, options: P2Options = {}): Promise<BenchResult> {
  const limit = options.limit ?? 300;
  const windowMs = options.windowMs ?? 60_000;
  const windows = options.windows ?? 2;
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? 200;
  const retryAfterSeconds = options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds;
  const budget = options.budget ?? windows * limit;
  const seeds = indexSeedText(seedFileText(budget)).seeds;
  const knobs = { latencyMs, requestsPerMinute: limit, rateLimitWindowMs: windowMs, rateLimitRetryAfterSeconds: retryAfterSeconds };
  const teacher = await startBenchTeacher(knobs, options.placement);
  // The pool's own endpoint: sharing one window would make each side's 429s the other's doing.
  const poolTeacher = await startBenchTeacher(knobs, options.placement);
  log(`P2: limit ${limit} requests / ${windowMs} ms, Retry-After ${retryAfterSeconds ?? 'exact'} s, concurrency ${concurrency}, latency ${latencyMs} ms, budget ${budget} (${teacher.placement} teacher); a plain pool runs alongside`);

  const events = { pauses: 0, pauseMs: 0, retries: 0, windowChanges: 0, minWindow: concurrency };
  // When each pause began (s after the start), how long, and why: where the time went.
  const pauses: Array<{ atS: number; waitS: number; cause: string }> = [];
  let t0 = performance.now();
  const onEvent = (event: TeacherEvent): void => {
    if (event.type === 'pause') {
      events.pauses++;
      events.pauseMs += event.waitMs;
      if (pauses.length < 50) pauses.push({ atS: round1((performance.now() - t0) / 1000), waitS: round1(event.waitMs / 1000), cause: event.cause });
    } else if (event.type === 'retry') events.retries++;
    else {
      events.windowChanges++;
      events.minWindow = Math.min(events.minWindow, event.window);
    }
  };
  const perWindow: number[] = [];
  // How late each boundary read was: a read more than a latency late could count the next
  // window's first completions into this one (a loaded machine), and the note says so.
  let latestReadMs = 0;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let run: GenerationRun | undefined;
  let unitFailures = 0;
  const sampleTimes: number[] = [];
  try {
    const poolRun = plainPool(poolTeacher.url, budget, concurrency);
    t0 = performance.now();
    let previous = 0;
    // Sequential reads, one per window boundary, so the per-window counts add up exactly.
    let reads: Promise<void> = Promise.resolve();
    for (let i = 1; i <= windows; i++) {
      timers.push(
        setTimeout(() => {
          reads = reads.then(async () => {
            const completions = (await teacher.stats()).totals.completions;
            latestReadMs = Math.max(latestReadMs, performance.now() - t0 - i * windowMs);
            perWindow.push(completions - previous);
            previous = completions;
            log(`  window ${i}: ${perWindow[perWindow.length - 1]} completions`);
          });
        }, i * windowMs - (performance.now() - t0)),
      );
    }
    // A safety net, not a measurement: a run that has not ended k + 3 windows in is cancelled.
    timers.push(setTimeout(() => run?.cancel(), (windows + 3) * windowMs));
    const result = await runSeedSmith({
      url: teacher.url,
      seeds,
      budget,
      concurrency,
      onEvent,
      onRun: (r) => {
        run = r;
        r.events.on('unit-failed', () => unitFailures++);
        r.events.on('sample-added', () => sampleTimes.push(performance.now() - t0));
      },
    });
    // No window boundary after the run is read: the budget, not the limit, ended those windows.
    for (const timer of timers) clearTimeout(timer);
    await reads;
    const pool = await poolRun;
    const poolServed = (await poolTeacher.stats()).totals;
    const poolThrottled = poolServed.errors['429'] ?? 0;
    const served = (await teacher.stats()).totals;
    const ledger = result.finished.ledger.teacher;
    // Only the windows read before the run ended: a window the budget ran out in is no measure of
    // the rate, and its reading (if it comes at all) comes after the run.
    const readWindows = perWindow.length;
    const inBox = perWindow.reduce((a, b) => a + b, 0);
    const worst = readWindows > 0 ? Math.min(...perWindow) : 0;
    const throttled = served.errors['429'] ?? 0;
    log(`  plain pool: ${pool.completed} completed, ${pool.failed} failed after its retries, 429s ${poolThrottled}, ${(pool.ms / 1000).toFixed(1)} s`);
    // The earliest any client can finish under a sliding window: the first window's worth at
    // once, each later window's worth as the window slides, i.e. the last full window's start.
    const earliestMs = Math.max(0, Math.ceil(budget / limit) - 1) * windowMs;
    const at = (i: number): string => ((sampleTimes[i] ?? 0) / 1000).toFixed(1);
    log(`  samples: first at ${at(0)} s, #${limit} at ${at(limit - 1)} s, #${limit + 1} at ${at(limit)} s, last at ${at(sampleTimes.length - 1)} s; pauses ${pauses.map((p) => `${p.atS}+${p.waitS} ${p.cause}`).join(', ')}`);
    log(`  run ended "${result.finished.reason}" after ${(result.wallMs / 1000).toFixed(1)} s: ledger spent ${ledger.spent}/${ledger.limit}, completed ${ledger.completed}, released ${ledger.released}; server completions ${served.completions}, 429s ${throttled}`);
    return {
      rows: [
        {
          bench: 'P2',
          name: `completions per window vs limit (mean of the ${readWindows} of ${windows} windows that ended before the run)`,
          measured: readWindows === 0 ? 0 : inBox / readWindows,
          baseline: limit,
          unit: `req/${windowMs / 1000}s`,
          ratio: readWindows === 0 ? 0 : inBox / (readWindows * limit),
          goal: { op: '>=', value: 0.9 },
          note: `per window: ${perWindow.join(', ') || 'none read'}; worst window ${(worst / limit).toFixed(3)} of the limit; boundary reads at most ${latestReadMs.toFixed(0)} ms late${latestReadMs > latencyMs / 2 ? ' (TOO LATE: counts may include the next window)' : ''}`,
        },
        {
          bench: 'P2',
          name: 'samples finished vs budget',
          measured: result.finished.samplesAdded,
          baseline: budget,
          unit: 'samples',
          ratio: result.finished.samplesAdded / budget,
          goal: { op: '==', value: 1 },
          note: `run "${result.finished.reason}"; the plain pool finished ${pool.completed} of ${budget}`,
        },
        {
          bench: 'P2',
          name: 'run rate vs the limit (earliest possible finish / actual)',
          measured: result.wallMs / 1000,
          baseline: earliestMs / 1000,
          unit: 's',
          ratio: earliestMs === 0 ? 1 : earliestMs / result.wallMs,
          goal: { op: '>=', value: 0.9 },
          note: `${((budget / result.wallMs) * 60_000).toFixed(0)} queries/min against a limit of ${((limit / windowMs) * 60_000).toFixed(0)}/min`,
        },
        {
          bench: 'P2',
          name: '429s vs plain openai pool',
          measured: throttled,
          baseline: poolThrottled,
          unit: '429s',
          ratio: poolThrottled === 0 ? 0 : throttled / poolThrottled,
          goal: { op: '<', value: 1 },
          note: `pause events ${events.pauses}, retry events ${events.retries}`,
        },
        {
          bench: 'P2',
          name: 'ledger spent vs budget',
          measured: ledger.spent,
          baseline: budget,
          unit: 'queries',
          ratio: ledger.spent / budget,
          goal: { op: '<=', value: 1 },
        },
        {
          bench: 'P2',
          name: 'server completions vs ledger completed',
          measured: served.completions,
          baseline: ledger.completed,
          unit: 'queries',
          ratio: ledger.completed === 0 ? 0 : served.completions / ledger.completed,
          goal: { op: '==', value: 1 },
          note: `server 429s ${throttled} = ledger released ${ledger.released}: ${throttled === ledger.released ? 'yes' : 'NO'}; uncertain ${ledger.uncertain}; units failed after retries ${unitFailures}; run "${result.finished.reason}" in ${(result.wallMs / 1000).toFixed(1)} s`,
        },
      ],
      details: {
        limit,
        windowMs,
        windows,
        concurrency,
        latencyMs,
        retryAfterSeconds,
        budget,
        pool: { ...pool, server: { requests: poolServed.requests, completions: poolServed.completions, errors: poolServed.errors } },
        teacher: teacher.placement,
        perWindow,
        latestReadMs,
        run: { reason: result.finished.reason, message: result.finished.message, samplesAdded: result.finished.samplesAdded, failures: result.finished.failures, wallMs: result.wallMs },
        ledger,
        server: { requests: served.requests, completions: served.completions, errors: served.errors, clientAborts: served.clientAborts },
        clientEvents: events,
        pauses,
        // The first window's worth is sent as fast as the client goes; the rest cannot be faster
        // than the slots free, i.e. at the pace the first window's worth went.
        samplesAtS: {
          first: round1((sampleTimes[0] ?? 0) / 1000),
          lastOfFirstWindow: round1((sampleTimes[limit - 1] ?? 0) / 1000),
          firstAfterIt: round1((sampleTimes[limit] ?? 0) / 1000),
          last: round1((sampleTimes.at(-1) ?? 0) / 1000),
        },
        journal: result.journal,
      },
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await teacher.close();
    await poolTeacher.close();
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
