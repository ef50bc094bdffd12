// Carries a call's meter from complete() to the fetch wrapper, which runs inside the SDK.
//
// Why a header and not AsyncLocalStorage: the SDK builds every attempt (first try and each retry)
// from the request options we pass, so a header set there is on every attempt of that call and on
// no other. AsyncLocalStorage would also work today, but it silently hands the wrong (or no)
// context to code resumed from elsewhere — a shared token refresh, a pooled connection callback, a
// future SDK that batches — and a lost meter means an unmetered request. The header cannot cross
// calls, and the wrapper refuses any request without a known call id (fail closed). The wrapper
// strips the header before the request leaves the machine.
import type { AttemptMeter } from '../core/model/chat.ts';

export const CALL_HEADER = 'x-seedsmith-call';

export interface CallContext {
  readonly meter: AttemptMeter;
  /** Aborts when the caller cancels or when the call must end early (see fail). */
  readonly signal: AbortSignal;
  /**
   * Ends the call with `error` (a meter refusal or a ledger failure): aborts the call's signal so
   * the SDK neither sends nor retries anything more, and complete() rethrows `error`.
   */
  fail(error: unknown): void;
  /** HTTP attempts that were reserved with the meter (each got exactly one afterAttempt). */
  attempts: number;
}

export class CallRegistry {
  readonly #calls = new Map<string, CallContext>();
  #next = 0;

  open(call: CallContext): string {
    const id = `call-${++this.#next}`;
    this.#calls.set(id, call);
    return id;
  }

  get(id: string): CallContext | undefined {
    return this.#calls.get(id);
  }

  close(id: string): void {
    this.#calls.delete(id);
  }
}

/** Thrown (and never sent) when a request reaches the wrapper without a call it belongs to. */
export class UnmeteredRequestError extends Error {
  constructor() {
    super('Refused to send a chat request that is not attached to a budget meter.');
    this.name = 'UnmeteredRequestError';
  }
}
