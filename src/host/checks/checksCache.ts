// Automatic check results for the review card, computed off the keystroke path: after the
// session's samples or the seeds changed and things went quiet for a moment, once per change.
// Decisions do not trigger a recomputation (results would barely move; a 10,000-sample session
// takes a second or two to check).
import type { CheckResult } from '../../core/checks/index.ts';
import { runChecks } from '../../core/checks/runChecks.ts';
import type { SessionState } from '../../core/journal/state.ts';
import type { Seed } from '../../core/seeds/index.ts';

const QUIET_MS = 400;

export class ChecksCache {
  private results: ReadonlyMap<string, readonly CheckResult[]> = new Map();
  private computedFor = '';
  private timer: NodeJS.Timeout | undefined;
  private pending: (() => void) | undefined;
  /** Bumped each time results change, so views derived from them know to recompute. */
  version = 0;
  private readonly onUpdated: () => void;

  constructor(onUpdated: () => void) {
    this.onUpdated = onUpdated;
  }

  get(sampleId: string): readonly CheckResult[] {
    return this.results.get(sampleId) ?? [];
  }

  /** True when a check failed for the sample (warnings do not count). */
  fails(sampleId: string): boolean {
    return this.get(sampleId).some((result) => result.status === 'fail');
  }

  all(): ReadonlyMap<string, readonly CheckResult[]> {
    return this.results;
  }

  /** Schedules a recomputation when the samples or the seeds differ from the last one. */
  refresh(state: SessionState, seeds: readonly Seed[] | null, seedVersion: string): void {
    const key = `${state.samples.size}|${seedVersion}`;
    // A computation queued for an earlier state is moot either way: this state's results are
    // already here, or they get their own. (Left queued, one for a file the person just left
    // would replace the results of the file shown.)
    clearTimeout(this.timer);
    this.pending = undefined;
    if (key === this.computedFor) return;
    this.pending = () => {
      this.results = runChecks(state, seeds).results;
      this.computedFor = key;
      this.version++;
      this.onUpdated();
    };
    this.timer = setTimeout(() => this.runPending(), QUIET_MS);
  }

  /**
   * The results for the session as it is now: a recomputation still waiting for things to go
   * quiet runs at once. What decides on checks (auto-reject) must not act on stale or missing ones.
   */
  now(state: SessionState, seeds: readonly Seed[] | null, seedVersion: string): ReadonlyMap<string, readonly CheckResult[]> {
    this.refresh(state, seeds, seedVersion);
    this.runPending();
    return this.results;
  }

  private runPending(): void {
    clearTimeout(this.timer);
    const pending = this.pending;
    this.pending = undefined;
    pending?.();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending = undefined;
  }
}
