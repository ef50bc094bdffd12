// P2: an endpoint with a sliding-window request limit (R requests per W ms, 429 + exact
// Retry-After above it). SeedSmith runs at concurrency 16 with a budget of k½ windows' worth, so
// the limit, not the budget, sets the pace for the first k windows. Measured:
// - completions the server made in each of the first k windows (stats read at t0 + iW), against R:
//   the most any client can get is exactly R per window, so the ratio is the share of the allowed
//   rate SeedSmith actually used;
// - the budget after the run: the ledger never spends past the limit, and the server's own count
//   of completions equals the ledger's (every 429 released, nothing lost or double counted).
import { indexSeedText } from '../src/core/seeds/index.ts';
import type { GenerationRun } from '../src/core/engine/runGeneration.ts';
import type { TeacherEvent } from '../src/teacher/index.ts';
import { seedFileText } from '../test/support/seedFixtures.ts';
import type { BenchResult, Log } from './benchTypes.ts';
import { runSeedSmith } from './seedsmithRun.ts';
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
  readonly placement?: TeacherPlacement;
}

export async function p2RateLimit(log: Log, options: P2Options = {}): Promise<BenchResult> {
  const limit = options.limit ?? 40;
  const windowMs = options.windowMs ?? 5000;
  const windows = options.windows ?? 5;
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? 200;
  // Half a window more than k windows allow: the run cannot finish inside the measured windows,
  // and the budget still ends it shortly after (no cancel, so no aborted attempt blurs the counts).
  const budget = windows * limit + Math.ceil(limit / 2);
  const seeds = indexSeedText(seedFileText(budget)).seeds;
  const teacher = await startBenchTeacher({ latencyMs, requestsPerMinute: limit, rateLimitWindowMs: windowMs }, options.placement);
  log(`P2: limit ${limit} requests / ${windowMs} ms, concurrency ${concurrency}, latency ${latencyMs} ms, budget ${budget} (${teacher.placement} teacher)`);

  const events = { pauses: 0, pauseMs: 0, retries: 0, windowChanges: 0, minWindow: concurrency };
  const onEvent = (event: TeacherEvent): void => {
    if (event.type === 'pause') {
      events.pauses++;
      events.pauseMs += event.waitMs;
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
  try {
    const t0 = performance.now();
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
      },
    });
    await reads;
    const served = (await teacher.stats()).totals;
    const ledger = result.finished.ledger.teacher;
    const inBox = perWindow.reduce((a, b) => a + b, 0);
    const worst = perWindow.length > 0 ? Math.min(...perWindow) : 0;
    const throttled = served.errors['429'] ?? 0;
    log(`  run ended "${result.finished.reason}" after ${(result.wallMs / 1000).toFixed(1)} s: ledger spent ${ledger.spent}/${ledger.limit}, completed ${ledger.completed}, released ${ledger.released}; server completions ${served.completions}, 429s ${throttled}`);
    return {
      rows: [
        {
          bench: 'P2',
          name: `completions per window vs limit (mean of ${windows})`,
          measured: inBox / windows,
          baseline: limit,
          unit: `req/${windowMs / 1000}s`,
          ratio: inBox / (windows * limit),
          goal: { op: '>=', value: 0.9 },
          note: `per window: ${perWindow.join(', ')}; worst window ${(worst / limit).toFixed(3)} of the limit; boundary reads at most ${latestReadMs.toFixed(0)} ms late${latestReadMs > latencyMs / 2 ? ' (TOO LATE: counts may include the next window)' : ''}`,
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
        budget,
        teacher: teacher.placement,
        perWindow,
        latestReadMs,
        run: { reason: result.finished.reason, message: result.finished.message, samplesAdded: result.finished.samplesAdded, failures: result.finished.failures, wallMs: result.wallMs },
        ledger,
        server: { requests: served.requests, completions: served.completions, errors: served.errors, clientAborts: served.clientAborts },
        clientEvents: events,
        journal: result.journal,
      },
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await teacher.close();
  }
}
