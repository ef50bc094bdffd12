// How many attempts may be in flight, and when the next may start. Pure logic plus one timer, so
// it is tested without a network.
//
// - Window (AIMD, as in TCP): starts at maxConcurrency, never above it, never below 1. A success
//   adds 1/window (about +1 per window's worth of successes); a 429 halves it. Only one halving
//   per congestion event: a 429 from an attempt that started before the last halving says nothing
//   new (all attempts in flight at that moment tend to be refused together), so it does not halve
//   again. Without this rule one burst of N refusals would collapse the window to 1 and throughput
//   would take many round trips to recover.
// - Pause: a 429 with Retry-After holds every new attempt until then (the endpoint told us when it
//   will accept again; sending earlier only buys more refusals). x-ratelimit-remaining-requests = 0
//   also pauses, see pauseForExhaustedRequests.
// - Healthy path: when a slot is free and nothing is paused, acquire() resolves at once, with no
//   timer and no queueing, so a well-behaved endpoint sees exactly the caller's concurrency.
import type { PauseCause, TeacherEvent, TeacherEventListener } from './events.ts';
import { emitSafely } from './events.ts';
import type { RequestRateHeaders } from './rateHeaders.ts';

/** The longest pause we honour; the SDK also ignores a Retry-After above 60 s. */
export const MAX_PAUSE_MS = 60_000;
/** The first wait for a 429 that names none; it doubles with each round refused again. */
export const BASE_BACKOFF_MS = 500;
/** The longest self-chosen wait: a window that reopens is found at most this late. */
export const MAX_BACKOFF_MS = 2_000;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What one attempt taught us, given when its slot is released. */
export type AttemptFeedback =
  /** A 2xx: the endpoint keeps up. */
  | { readonly kind: 'success'; readonly rate?: RequestRateHeaders }
  /** A 429. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs?: number; readonly rate?: RequestRateHeaders }
  /** Anything else (5xx, 4xx, timeout, abort, never sent): no signal about the rate. */
  | { readonly kind: 'neutral'; readonly rate?: RequestRateHeaders };

export interface Slot {
  /** Frees the slot; later calls are ignored so a double release cannot corrupt the count. */
  release(feedback: AttemptFeedback): void;
}

export interface RateSnapshot {
  /** The AIMD window (fractional); floor(window) attempts may be in flight. */
  readonly window: number;
  readonly inFlight: number;
  /** Epoch ms until which new attempts wait, or null when not paused. */
  readonly pausedUntil: number | null;
}

export interface RateControllerOptions {
  readonly maxConcurrency: number;
  readonly onEvent?: TeacherEventListener;
  readonly clock?: Clock;
}

interface Waiter {
  readonly resolve: (slot: Slot) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class RateController {
  readonly #max: number;
  readonly #clock: Clock;
  readonly #onEvent: TeacherEventListener | undefined;
  #window: number;
  #inFlight = 0;
  #pausedUntil = 0;
  /** Bumped on every halving; a slot remembers the epoch it started in. */
  #epoch = 0;
  #queue: Waiter[] = [];
  #timer: unknown = undefined;
  #timerAt = 0;
  /** Halvings since the last success: how many times in a row waiting as told was not enough. */
  #refusedRounds = 0;
  /** Slow-start threshold: below it each success adds a whole slot. */
  #threshold = 0;

  constructor(options: RateControllerOptions) {
    if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
      throw new RangeError(`maxConcurrency must be a positive integer, got ${options.maxConcurrency}`);
    }
    this.#max = options.maxConcurrency;
    this.#window = options.maxConcurrency;
    this.#clock = options.clock ?? systemClock;
    this.#onEvent = options.onEvent;
  }

  /** Attempts allowed in flight right now. */
  get capacity(): number {
    return Math.max(1, Math.floor(this.#window));
  }

  snapshot(): RateSnapshot {
    const now = this.#clock.now();
    return { window: this.#window, inFlight: this.#inFlight, pausedUntil: this.#pausedUntil > now ? this.#pausedUntil : null };
  }

  /**
   * Resolves with a slot when an attempt may start. FIFO among waiters, so a call that has waited
   * longest goes first. Rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#canStart()) return Promise.resolve(this.#grant());
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#queue = this.#queue.filter((w) => w !== waiter);
          reject(signal?.reason);
          this.#schedule();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      // The pause may have ended before its timer fired: drain, do not just re-arm.
      this.#drain();
    });
  }

  /** Holds new attempts until `until` (epoch ms); a pause only ever extends. */
  pauseUntil(until: number, cause: PauseCause): void {
    const now = this.#clock.now();
    const capped = Math.min(until, now + MAX_PAUSE_MS);
    if (capped <= this.#pausedUntil || capped <= now) return;
    this.#pausedUntil = capped;
    emitSafely(this.#onEvent, { type: 'pause', until: capped, waitMs: capped - now, cause });
    this.#schedule();
  }

  #canStart(): boolean {
    return this.#inFlight < this.capacity && this.#clock.now() >= this.#pausedUntil;
  }

  #grant(): Slot {
    this.#inFlight++;
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (feedback) => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#learn(feedback, epoch);
        this.#drain();
      },
    };
  }

  #learn(feedback: AttemptFeedback, epoch: number): void {
    const before = this.capacity;
    if (feedback.rate) this.#pauseForExhaustedRequests(feedback.rate);
    if (feedback.kind === 'success') {
      // Slow start (as in TCP) back up to the threshold: after a long pause the window has been
      // halved down to 1 by refusals that only meant "closed", and growing by 1/window would take
      // many round trips to use a window that has just reopened.
      this.#window = Math.min(this.#max, this.#window + (this.#window < this.#threshold ? 1 : 1 / this.#window));
      this.#refusedRounds = 0;
    } else if (feedback.kind === 'rate-limited') {
      if (epoch === this.#epoch) {
        // The first halving of a streak marks where the endpoint pushed back; the later ones only
        // probe a closed window, so they do not lower the threshold slow start returns to.
        if (this.#refusedRounds === 0) this.#threshold = Math.max(1, Math.floor(this.#window / 2));
        this.#window = Math.max(1, Math.floor(this.#window / 2));
        this.#epoch++;
        this.#refusedRounds++;
      }
      // Retry-After is the floor. Each round refused again without a success in between shows the
      // hint was too short (a server saying "1 s" while a minute-long window is full), so the wait
      // doubles up to MAX_BACKOFF_MS: the window's reopening is found within a few seconds, with
      // a handful of probes (released, so free) instead of a refusal per second per request.
      const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, this.#refusedRounds - 1));
      const waitMs = Math.max(feedback.retryAfterMs ?? 0, this.#refusedRounds > 1 || feedback.retryAfterMs === undefined ? backoff : 0);
      this.pauseUntil(this.#clock.now() + waitMs, feedback.retryAfterMs !== undefined ? 'retry-after' : 'backoff');
    }
    if (this.capacity !== before) emitSafely(this.#onEvent, { type: 'window', window: this.capacity } satisfies TeacherEvent);
  }

  /**
   * remaining = 0 means the next request would be refused until a slot frees. We wait
   * reset/limit, not the whole reset: servers differ in what "reset" means (OpenAI: until the
   * bucket refills; a sliding window: until the *newest* request leaves it, a full window away),
   * and waiting a full window after every exhaustion would halve throughput for a client that
   * paces itself near the limit. reset/limit is the average spacing of slots; if a slot is not free
   * yet, the endpoint answers 429 with an exact Retry-After (released, so free for the budget) and
   * the pause above takes over.
   */
  #pauseForExhaustedRequests(rate: RequestRateHeaders): void {
    if (rate.remaining !== 0 || rate.resetMs === undefined || rate.resetMs <= 0) return;
    const waitMs = rate.limit !== undefined && rate.limit > 0 ? rate.resetMs / rate.limit : rate.resetMs;
    this.pauseUntil(this.#clock.now() + waitMs, 'rate-limit-headers');
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#canStart()) {
      const waiter = this.#queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.#grant());
    }
    this.#schedule();
  }

  /** Keeps exactly one timer, set for the end of the pause, while someone waits on it. */
  #schedule(): void {
    if (this.#queue.length > 0 && this.#canStart()) {
      this.#drain();
      return;
    }
    const now = this.#clock.now();
    const waitingOnPause = this.#queue.length > 0 && this.#pausedUntil > now && this.#inFlight < this.capacity;
    if (!waitingOnPause) {
      this.#clearTimer();
      return;
    }
    if (this.#timer !== undefined && this.#timerAt === this.#pausedUntil) return;
    this.#clearTimer();
    this.#timerAt = this.#pausedUntil;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, this.#pausedUntil - now);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
