// What the client tells the UI while it works, so a person sees "waiting for the rate limit, resumes in 3 s"
// instead of a run that silently slowed down. Events are information only: nothing depends on
// them, and a listener that throws cannot break a call.

export type TeacherEvent =
  /** An attempt failed in a way the SDK will retry (attempt is the 1-based number that failed). */
  | {
      readonly type: 'retry';
      readonly status: number | null;
      readonly reason: string;
      /** What the endpoint asked for; null when it said nothing and the SDK backs off on its own. */
      readonly retryAfterMs: number | null;
      readonly attempt: number;
    }
  /** The number of attempts allowed in flight changed (AIMD). */
  | { readonly type: 'window'; readonly window: number }
  /** New attempts are held until `until` (epoch ms) because the endpoint asked us to wait. */
  | { readonly type: 'pause'; readonly until: number; readonly waitMs: number; readonly cause: PauseCause };

/**
 * Why new attempts wait: the endpoint's Retry-After, its x-ratelimit headers, our own backoff after
 * repeated 429s, the predicted reopening of its full request window, or an endpoint that answers
 * 502/503/504 (`unavailable`: its Retry-After, else our backoff; see RateController).
 */
export type PauseCause = 'retry-after' | 'rate-limit-headers' | 'backoff' | 'rate-limit-window' | 'unavailable';

export type TeacherEventListener = (event: TeacherEvent) => void;

export function emitSafely(listener: TeacherEventListener | undefined, event: TeacherEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A broken progress display must not turn a good completion into a failed one.
  }
}
