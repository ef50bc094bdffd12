// The mutable state one teacher server owns, shared by its route handlers.
import { GoldRegistry } from './goldRegistry.ts';
import type { TeacherKnobs } from './knobs.ts';
import { DEFAULT_KNOBS, mergeKnobs, parseKnobPatch } from './knobs.ts';
import { SlidingWindowLimiter } from './rateLimiter.ts';
import { ReceivedLog } from './received.ts';
import { RequestLog } from './requestLog.ts';
import { StatsBook } from './stats.ts';

export class TeacherCore {
  knobs: Readonly<TeacherKnobs>;
  readonly stats = new StatsBook();
  readonly registry = new GoldRegistry();
  readonly limiter = new SlidingWindowLimiter();
  /** Every completed request's messages, for tests that assert on the prompts sent. */
  readonly received = new ReceivedLog();
  /** Every request with the credentials it carried (in-process only). */
  readonly requests = new RequestLog();
  /** Index of the next valid chat request; fault decisions are keyed by it. Reset by reset(). */
  #requestIndex = 0;
  /** Per-prompt count of produced completions: unseeded samples of one prompt differ by it. */
  #sampleCalls = new Map<number, number>();
  /** Never reset, so completion ids stay unique for the server's whole life. */
  #served = 0;
  #rejections = 0;

  constructor(initial: Partial<TeacherKnobs>) {
    this.knobs = mergeKnobs(DEFAULT_KNOBS, parseKnobPatch(initial));
  }

  /** Validates like the admin endpoint does, so a typo fails in TypeScript callers too. */
  configure(patch: Partial<TeacherKnobs>): Readonly<TeacherKnobs> {
    this.knobs = mergeKnobs(this.knobs, parseKnobPatch(patch));
    return this.knobs;
  }

  nextRequestIndex(): number {
    return this.#requestIndex++;
  }

  nextSampleCall(promptHash: number): number {
    const n = this.#sampleCalls.get(promptHash) ?? 0;
    this.#sampleCalls.set(promptHash, n + 1);
    return n;
  }

  /** Index of the next delayed 401/404 (rejectStaggerMs). Reset by reset(). */
  nextRejectionIndex(): number {
    return this.#rejections++;
  }

  nextServed(): number {
    return ++this.#served;
  }

  /** Stats, received prompts, request index, sample counters and the rate window; knobs and learnt answers stay. */
  reset(): void {
    this.stats.reset();
    this.limiter.reset();
    this.received.clear();
    this.requests.clear();
    this.#requestIndex = 0;
    this.#rejections = 0;
    this.#sampleCalls.clear();
  }
}
