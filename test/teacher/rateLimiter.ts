// A real sliding-window request limit: at most `limit` admitted requests in any window. A
// rejected request does not take a slot, so a client that honours Retry-After gets through.

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Slots left in the window after this request. */
  remaining: number;
  /** Until the window is completely empty again (x-ratelimit-reset-requests). */
  resetMs: number;
  /** Until the oldest slot frees (Retry-After when rejected; 0 when allowed). */
  retryAfterMs: number;
}

export class SlidingWindowLimiter {
  #stamps: number[] = [];

  take(limit: number, windowMs: number, now: number): RateDecision {
    this.#stamps = this.#stamps.filter((t) => t > now - windowMs);
    const allowed = this.#stamps.length < limit;
    if (allowed) this.#stamps.push(now);
    const oldest = this.#stamps[0] ?? now;
    const newest = this.#stamps[this.#stamps.length - 1] ?? now;
    return {
      allowed,
      limit,
      remaining: limit - this.#stamps.length,
      resetMs: this.#stamps.length === 0 ? 0 : Math.max(0, newest + windowMs - now),
      retryAfterMs: allowed ? 0 : Math.max(1, oldest + windowMs - now),
    };
  }

  reset(): void {
    this.#stamps = [];
  }
}

/** OpenAI writes these resets as Go-style durations: "250ms", "1s", "6m0s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const totalSeconds = Math.round(ms / 100) / 10;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 10) / 10;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
