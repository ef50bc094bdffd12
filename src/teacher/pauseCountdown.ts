// Turns the client's pause events into a countdown a display can show: a pause is announced once
// and can last a minute, and "resumes in 55 s" must not stand still meanwhile. While a pause
// lasts, onTick is called every second so the display redraws itself.
import type { PauseCause, TeacherEvent } from './events.ts';

const TICK_MS = 1000;

export class PauseCountdown {
  readonly #onTick: () => void;
  #until = 0;
  #cause: PauseCause | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(onTick: () => void) {
    this.#onTick = onTick;
  }

  /** Feed every client event here; only pauses matter. */
  onEvent(event: TeacherEvent): void {
    if (event.type !== 'pause' || event.until <= this.#until) return;
    this.#until = event.until;
    this.#cause = event.cause;
    this.#onTick();
    this.#timer ??= setInterval(() => {
      if (Date.now() >= this.#until) this.stop();
      this.#onTick();
    }, TICK_MS);
    // A process is never kept alive by a countdown alone.
    this.#timer.unref?.();
  }

  /** Whole seconds until new requests go again, at least 1; null when nothing waits. */
  secondsLeft(now: number = Date.now()): number | null {
    const ms = this.#until - now;
    return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : null;
  }

  /** Why new requests wait: the endpoint's rate limit, or the endpoint being unavailable. */
  get waitingFor(): 'rate-limit' | 'unavailable' {
    return this.#cause === 'unavailable' ? 'unavailable' : 'rate-limit';
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
