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
// - A request-count limit (a 429 whose x-ratelimit-remaining-requests is 0) is not congestion:
//   fewer attempts in flight would not make the endpoint accept more, so it does not halve the
//   window. When waiting as told was not enough (refused again), the reopening is predicted from
//   the observed window: the endpoint's x-ratelimit-reset-requests says when its window is empty,
//   which, against the send times of the requests it admitted, gives the window's length and when
//   each of its slots frees. New attempts are then let through one per slot as it frees (see
//   #planReopening), so the run resumes at the moment the window reopens, at the pace it was
//   filled, instead of probing into 429s all along the wait.
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
/** The first wait after an endpoint answers "unavailable" (502/503/504) without Retry-After; it doubles per round. */
export const UNAVAILABLE_BASE_MS = 1_000;
export const UNAVAILABLE_MAX_BACKOFF_MS = 30_000;
/**
 * How long an outage is waited out: calls refused as unavailable go again (released, so free)
 * until the endpoint has answered nothing else for this long. An endpoint down for longer is
 * taken to be down: its refusals then reach the SDK and fail their units, and the run stops.
 */
export const UNAVAILABLE_PATIENCE_MS = 5 * 60_000;
/**
 * Added to each predicted reopening of a slot: x-ratelimit-reset-requests is rounded (to 0.1 s
 * above a second), and sending a little late costs far less than a 429 whose Retry-After then
 * holds every attempt.
 */
export const REOPENING_MARGIN_MS = 250;
/** Send times of admitted requests are kept this long, and at most ADMITTED_KEPT_MAX of them: enough to predict a window up to MAX_PAUSE_MS long. */
const ADMITTED_KEPT_MS = 2 * MAX_PAUSE_MS;
const ADMITTED_KEPT_MAX = 100_000;

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
  /** 502, 503 or 504: the endpoint (or its gateway) is down or overloaded for a while. */
  | { readonly kind: 'unavailable'; readonly retryAfterMs?: number; readonly rate?: RequestRateHeaders }
  /** Anything else (500, 4xx, timeout, abort, never sent): no signal about the rate. */
  | { readonly kind: 'neutral'; readonly rate?: RequestRateHeaders };

export interface Slot {
  /** The attempt leaves now (its reservation is done): the endpoint counts it against its window from about this moment. */
  sent(): void;
  /** Frees the slot; later calls are ignored so a double release cannot corrupt the count. */
  release(feedback: AttemptFeedback): void;
}

export interface RateSnapshot {
  /** The AIMD window (fractional); floor(window) attempts may be in flight. */
  readonly window: number;
  readonly inFlight: number;
  /** Epoch ms until which new attempts wait (a pause, or the next predicted slot of a full window), or null when none waits. */
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
  readonly signals: readonly AbortSignal[];
  readonly onAbort: (event: Event) => void;
}

function stopListening(waiter: Waiter): void {
  for (const signal of waiter.signals) signal.removeEventListener('abort', waiter.onAbort);
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
  /** Rounds refused since the last success: how many times in a row waiting as told was not enough. */
  #refusedRounds = 0;
  /** Whether this streak of refusals has halved the window yet (the first halving sets the threshold). */
  #halvedInStreak = false;
  /** Slow-start threshold: below it each success adds a whole slot. */
  #threshold = 0;
  /** Send times of the attempts the endpoint admitted (2xx), oldest first. */
  #admitted: number[] = [];
  /** Predicted reopenings of a full request window, one attempt each, from #gateIndex on. */
  #gates: number[] = [];
  #gateIndex = 0;
  /** When the current outage began (the first "unavailable" since the last success), or null. */
  #unavailableSince: number | null = null;
  /** Rounds of "unavailable" in this outage, and when the last began (its attempts are the same round). */
  #unavailableRounds = 0;
  #unavailableRoundAt = -Infinity;

  constructor(options: RateControllerOptions) {
    if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
      throw new RangeError(`maxConcurrency must be a positive integer, got ${options.maxConcurrency}`);
    }
    this.#max = options.maxConcurrency;
    this.#window = options.maxConcurrency;
    this.#clock = options.clock ?? systemClock;
    this.#onEvent = options.onEvent;
  }

  /** How long the endpoint has answered only "unavailable" (0 when it is not in an outage). */
  unavailableForMs(now: number = this.#clock.now()): number {
    return this.#unavailableSince === null ? 0 : now - this.#unavailableSince;
  }

  /** Attempts allowed in flight right now. */
  get capacity(): number {
    return Math.max(1, Math.floor(this.#window));
  }

  snapshot(): RateSnapshot {
    const now = this.#clock.now();
    const next = this.#nextStartAt();
    return { window: this.#window, inFlight: this.#inFlight, pausedUntil: next > now ? next : null };
  }

  /**
   * Resolves with a slot when an attempt may start. FIFO among waiters, so a call that has waited
   * longest goes first. Rejects with the reason of whichever signal aborts first. Several signals
   * rather than one AbortSignal.any: that made a composite signal (and its weak references) for
   * every attempt, even the many that get a slot at once and never listen.
   */
  acquire(...signals: readonly (AbortSignal | undefined)[]): Promise<Slot> {
    const live = signals.filter((s): s is AbortSignal => s !== undefined);
    const aborted = live.find((s) => s.aborted);
    if (aborted) return Promise.reject(aborted.reason);
    if (this.#queue.length === 0 && this.#canStart()) return Promise.resolve(this.#grant());
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signals: live,
        onAbort: (event) => {
          this.#queue = this.#queue.filter((w) => w !== waiter);
          stopListening(waiter);
          reject((event.target as AbortSignal).reason);
          this.#schedule();
        },
      };
      for (const signal of live) signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      // The pause may have ended before its timer fired: drain, do not just re-arm.
      this.#drain();
    });
  }

  /**
   * Holds new attempts until `until` (epoch ms); a pause only ever extends. `now` is the caller's
   * reading of the clock when it computed `until`, so the wait announced is the one it asked for.
   */
  pauseUntil(until: number, cause: PauseCause, now = this.#clock.now()): void {
    const capped = Math.min(until, now + MAX_PAUSE_MS);
    if (capped <= this.#pausedUntil || capped <= now) return;
    this.#pausedUntil = capped;
    emitSafely(this.#onEvent, { type: 'pause', until: capped, waitMs: capped - now, cause });
    this.#schedule();
  }

  #canStart(): boolean {
    return this.#inFlight < this.capacity && this.#clock.now() >= this.#nextStartAt();
  }

  /** When the next attempt may start: after any pause, and not before the next predicted slot of a full window. */
  #nextStartAt(): number {
    return Math.max(this.#pausedUntil, this.#gates[this.#gateIndex] ?? 0);
  }

  #grant(): Slot {
    this.#inFlight++;
    // Each predicted slot admits one attempt (#canStart has checked it is due).
    if (this.#gateIndex < this.#gates.length && ++this.#gateIndex === this.#gates.length) {
      this.#gates = [];
      this.#gateIndex = 0;
    }
    const epoch = this.#epoch;
    let sentAt = this.#clock.now();
    let released = false;
    return {
      sent: () => {
        sentAt = this.#clock.now();
      },
      release: (feedback) => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#learn(feedback, epoch, sentAt);
        this.#drain();
      },
    };
  }

  #learn(feedback: AttemptFeedback, epoch: number, sentAt: number): void {
    const before = this.capacity;
    const now = this.#clock.now();
    if (feedback.kind === 'success') {
      this.#recordAdmitted(sentAt, now);
      // Slow start (as in TCP) back up to the threshold: after a long pause the window has been
      // halved down to 1 by refusals that only meant "closed", and growing by 1/window would take
      // many round trips to use a window that has just reopened.
      this.#window = Math.min(this.#max, this.#window + (this.#window < this.#threshold ? 1 : 1 / this.#window));
      // Only an attempt sent since the last refusals shows that waiting worked; one sent before
      // them (still in flight when they came) ends no streak.
      if (epoch === this.#epoch) {
        this.#refusedRounds = 0;
        this.#halvedInStreak = false;
      }
      this.#unavailableSince = null;
      this.#unavailableRounds = 0;
    } else if (feedback.kind === 'unavailable') {
      // Not congestion: fewer attempts in flight would not bring the endpoint back, so the window
      // stays; everyone waits. The endpoint's Retry-After says when; without one the wait doubles
      // per round (attempts sent before the round began are part of it, not a new one).
      this.#unavailableSince ??= now;
      if (sentAt > this.#unavailableRoundAt) {
        this.#unavailableRounds++;
        this.#unavailableRoundAt = now;
      }
      const waitMs = feedback.retryAfterMs ?? Math.min(UNAVAILABLE_MAX_BACKOFF_MS, UNAVAILABLE_BASE_MS * 2 ** (this.#unavailableRounds - 1));
      this.pauseUntil(now + waitMs, 'unavailable', now);
    } else if (feedback.kind === 'rate-limited') {
      // x-ratelimit-remaining-requests = 0: the endpoint counts requests and its window is full.
      const fullWindow = feedback.rate?.remaining === 0;
      // Refused at a predicted slot: the prediction was a little early (the send times we saw
      // are not quite the endpoint's admission times, e.g. on a busy event loop).
      const gated = fullWindow && this.#gateIndex < this.#gates.length;
      if (epoch === this.#epoch) {
        // A new round of refusals (the attempts of the same round are the same event).
        this.#epoch++;
        this.#refusedRounds++;
        if (gated) {
          this.#delayGates(REOPENING_MARGIN_MS);
        } else {
          // The first time a full window is met, the endpoint's own hint is tried; refused
          // again, its reopening is predicted from what it admitted. Neither is congestion, so
          // neither halves. A full window that cannot be predicted (other clients share it, or it
          // was already partly used when we started) is probed, and halving keeps the probes few.
          const planned = fullWindow && this.#refusedRounds > 1 && feedback.rate !== undefined && this.#planReopening(feedback.rate, now);
          if (!planned && !(fullWindow && this.#refusedRounds === 1)) this.#halve(fullWindow);
        }
      }
      if (gated) {
        // The rest of the prediction, a margin later, rather than the Retry-After this endpoint
        // has already shown to be far too short for its window: the slots are freeing now.
        this.pauseUntil(this.#gates[this.#gateIndex]!, 'rate-limit-window', now);
      } else {
        // Retry-After is the floor. Each round refused again without a success in between shows
        // the hint was too short (a server saying "1 s" while a minute-long window is full), so
        // unless the reopening is predicted the wait doubles up to MAX_BACKOFF_MS: the window's
        // reopening is found within a few seconds, with a handful of probes (released, so free)
        // instead of a refusal per second per request.
        let waitMs = feedback.retryAfterMs ?? 0;
        let cause: PauseCause = feedback.retryAfterMs !== undefined ? 'retry-after' : 'backoff';
        const reopening = this.#gates[this.#gateIndex];
        if (reopening !== undefined) {
          if (reopening - now > waitMs) [waitMs, cause] = [reopening - now, 'rate-limit-window'];
        } else if (this.#refusedRounds > 1 || feedback.retryAfterMs === undefined) {
          const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, this.#refusedRounds - 1));
          if (backoff > waitMs) [waitMs, cause] = [backoff, 'backoff'];
        }
        this.pauseUntil(now + waitMs, cause, now);
      }
    }
    if (feedback.rate) this.#pauseForExhaustedRequests(feedback.rate);
    if (this.capacity !== before) emitSafely(this.#onEvent, { type: 'window', window: this.capacity } satisfies TeacherEvent);
  }

  /**
   * Multiplicative decrease. The streak's first halving marks where the endpoint pushed back, and
   * slow start returns there; later ones only probe a closed window and do not lower it. For a
   * full request window the window was never the problem: slow start returns all the way.
   */
  #halve(fullWindow: boolean): void {
    if (!this.#halvedInStreak) this.#threshold = fullWindow ? this.#window : Math.max(1, Math.floor(this.#window / 2));
    this.#halvedInStreak = true;
    this.#window = Math.max(1, Math.floor(this.#window / 2));
  }

  /** Moves the predicted slots not yet used later by `ms`. */
  #delayGates(ms: number): void {
    for (let i = this.#gateIndex; i < this.#gates.length; i++) this.#gates[i]! += ms;
  }

  #recordAdmitted(sentAt: number, now: number): void {
    const admitted = this.#admitted;
    // Answers come back a little out of order; the list stays sorted by send time.
    let at = admitted.length;
    while (at > 0 && admitted[at - 1]! > sentAt) at--;
    admitted.splice(at, 0, sentAt);
    // Dropped in batches, so a long run does not move the whole list on every answer.
    if ((admitted[0] ?? now) < now - 2 * ADMITTED_KEPT_MS || admitted.length > 2 * ADMITTED_KEPT_MAX) {
      let stale = 0;
      while (stale < admitted.length && admitted[stale]! < now - ADMITTED_KEPT_MS) stale++;
      admitted.splice(0, Math.max(stale, admitted.length - ADMITTED_KEPT_MAX));
    }
  }

  /**
   * The observed window. The endpoint's window is full (remaining 0) and empties completely in
   * resetMs, i.e. when the newest request it admitted leaves it. If the last `limit` requests it
   * admitted were ours, that newest is our newest admitted send, so the window's length is
   * now + resetMs - newest, and each of those requests frees its slot that long after it was sent.
   * The predicted reopenings become gates: one attempt each, in order, so the run refills the
   * window at the pace it filled it. False (and nothing planned) when our sends cannot account for
   * the window: fewer than `limit` of them, or a prediction that says a slot should already be free.
   */
  #planReopening(rate: RequestRateHeaders, now: number): boolean {
    const { limit, resetMs } = rate;
    const admitted = this.#admitted;
    if (limit === undefined || resetMs === undefined || limit < 1 || admitted.length < limit) return false;
    const windowMs = now + resetMs - admitted[admitted.length - 1]!;
    const first = admitted.length - limit;
    const reopening = admitted[first]! + windowMs + REOPENING_MARGIN_MS;
    if (reopening <= now || reopening - now > MAX_PAUSE_MS) return false;
    this.#gates = admitted.slice(first).map((sentAt) => sentAt + windowMs + REOPENING_MARGIN_MS);
    this.#gateIndex = 0;
    return true;
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
    // A predicted reopening knows better than the average spacing.
    if (this.#gateIndex < this.#gates.length) return;
    if (rate.remaining !== 0 || rate.resetMs === undefined || rate.resetMs <= 0) return;
    const waitMs = rate.limit !== undefined && rate.limit > 0 ? rate.resetMs / rate.limit : rate.resetMs;
    this.pauseUntil(this.#clock.now() + waitMs, 'rate-limit-headers');
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#canStart()) {
      const waiter = this.#queue.shift()!;
      stopListening(waiter);
      waiter.resolve(this.#grant());
    }
    this.#schedule();
  }

  /** Keeps exactly one timer, set for the end of the pause (or the next predicted slot), while someone waits on it. */
  #schedule(): void {
    if (this.#queue.length > 0 && this.#canStart()) {
      this.#drain();
      return;
    }
    const now = this.#clock.now();
    const startAt = this.#nextStartAt();
    const waitingOnTime = this.#queue.length > 0 && startAt > now && this.#inFlight < this.capacity;
    if (!waitingOnTime) {
      this.#clearTimer();
      return;
    }
    if (this.#timer !== undefined && this.#timerAt === startAt) return;
    this.#clearTimer();
    this.#timerAt = startAt;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, startAt - now);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
