// How long a test may wait for something before calling it a failure, scaled to how busy the
// machine is. Every wait in the browser and extension-host tiers waits on a condition (an element,
// an event, a log line); these bounds only decide when a condition that never comes is reported.
// A bound tuned on an idle machine fails on a CI runner whose cores are busy with other work, so
// each bound grows with the load average per core, measured when the wait starts.
import { availableParallelism, loadavg } from 'node:os';

/** Never shrink a bound, and never let a hung test wait more than this many times its base. */
const MAX_FACTOR = 8;

/**
 * The factor bounds are multiplied by now: 1 + the one-minute load average per core (an idle
 * machine gives ~1, two busy cores on a two-core machine ~2, more work queued more), times
 * SEEDSMITH_TEST_PATIENCE when set (a known-slow machine can ask for more at once).
 */
export function patienceFactor(): number {
  const asked = Number(process.env['SEEDSMITH_TEST_PATIENCE'] ?? 1);
  const extra = Number.isFinite(asked) && asked >= 1 ? asked : 1;
  const perCore = loadavg()[0]! / Math.max(1, availableParallelism());
  return Math.min(MAX_FACTOR, (1 + Math.max(0, perCore)) * extra);
}

/** `baseMs` (what an idle machine needs, with room to spare) scaled to the machine's load now. */
export function patience(baseMs: number): number {
  return Math.round(baseMs * patienceFactor());
}
