// The fetch the SDK is given. Every HTTP attempt the SDK makes — the first and each of its own
// retries — passes through here, so this is the one place that can meter exactly what reached the
// endpoint: take a concurrency slot, reserve with the meter, send, classify, settle the meter,
// free the slot.
//
// What openai v7.55.0 does around a custom fetch (read in node_modules/openai/client.js,
// makeRequest / retryRequest / shouldRetry / parseResponseWithTimeout):
// - It retries (up to maxRetries, default 2) on 408, 409, 429 and >= 500, unless the response says
//   `x-should-retry: false` (`true` forces a retry). Other statuses throw at once.
// - The wait before a retry is retry-after-ms (ms), else Retry-After (seconds, else an HTTP date);
//   if absent, negative or above 60 s it uses its own backoff: 0.5 s * 2^n, at most 8 s, minus up
//   to 25 % jitter. The wait is aborted by the request's signal.
// - ANY error thrown by fetch is treated as a connection failure and retried the same way (no
//   Retry-After), unless the caller's signal is aborted: then it throws APIUserAbortError and does
//   not retry. It checks the caller's signal before each attempt too. An error whose name is
//   AbortError or whose text matches /timed? ?out/ ends, when retries run out, as
//   APIConnectionTimeoutError; any other as APIConnectionError.
// - Its own timeout timer starts *before* calling fetch and stops when fetch resolves; reading the
//   body has a separate timer, and a body timeout is retried as well.
// - Each attempt carries `X-Stainless-Retry-Count: n` (0 for the first), built from the options we
//   pass, so request headers we set are on every retry.
//
// Consequences here:
// - The per-attempt timeout is ours, not the SDK's (the SDK gets a very long one): it starts after
//   the slot and the reservation, so waiting for a slot never counts as a timeout, and it covers
//   the body too (we buffer the body before handing the response over), so the SDK's body timer
//   never fires and a body cut short is classified here.
// - A meter refusal must stop the SDK's retry loop: we abort the call's signal before throwing, so
//   the SDK throws APIUserAbortError without another attempt; complete() maps it back to the
//   refusal.
// - A 429 that waiting cures never reaches the SDK: its few retries, at a Retry-After that can be
//   far too short for the window, would end the call long before the limit reopens. The attempt
//   waits for the rate controller instead and goes again, each try metered and released. Only a
//   429 no wait cures (x-should-retry: false, insufficient_quota) is handed over.
// - The same for an endpoint that is down or overloaded (502, 503, 504): it comes back, and its
//   refusals cost nothing, so the attempt waits (Retry-After, else a doubling backoff) and goes
//   again, until the outage has lasted UNAVAILABLE_PATIENCE_MS; then the SDK gets the refusal and
//   the call ends as before. A 500 is handed over at once: it can be the request's own fault.
import type { AttemptOutcome } from '../core/model/chat.ts';
import type { CallContext, CallRegistry } from './callRegistry.ts';
import { CALL_HEADER, UnmeteredRequestError } from './callRegistry.ts';
import type { TeacherEventListener } from './events.ts';
import { emitSafely } from './events.ts';
import { heldBody, heldResponse } from './bufferedFetch.ts';
import { classifyFetchFailure } from './fetchFailure.ts';
import type { AttemptFeedback, RateController, Slot } from './rateController.ts';
import { MAX_PAUSE_MS, UNAVAILABLE_PATIENCE_MS } from './rateController.ts';
import { parseRequestRateHeaders, parseRetryAfterMs } from './rateHeaders.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface MeteredFetchOptions {
  /** The fetch that really sends (global fetch, or a test double). */
  readonly fetch: FetchLike;
  readonly calls: CallRegistry;
  readonly rate: RateController;
  /** Per attempt, from the moment it is sent until its whole body has arrived. */
  readonly timeoutMs: number;
  /** The SDK's maxRetries, to tell the UI whether a failed attempt will be retried. */
  readonly maxRetries: number;
  /**
   * Whether the SDK's own timeout can end an attempt before ours (default true). Its signal then
   * has to be followed. chatClient gives the SDK a day-long backstop, so for it the SDK's signal
   * only aborts when the call's does, which is followed anyway; and adding a listener to that
   * signal (a composite the SDK builds with AbortSignal.any) cost about 9 µs per attempt.
   */
  readonly sdkTimeoutCanWin?: boolean;
  readonly onEvent?: TeacherEventListener;
}

/** The result of one attempt, decided before the meter is settled. */
interface AttemptRun {
  readonly response?: Response;
  readonly error?: unknown;
  readonly outcome: AttemptOutcome;
  readonly feedback: AttemptFeedback;
  /** A refusal waiting can cure: a 429 (for the window) or an outage (for the endpoint); tried again here. */
  readonly waitable?: 'rate-limit' | 'unavailable';
}

/** An endpoint or gateway that is down or overloaded: it answers again after a while. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Statuses with no body (the Response constructor rejects one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createMeteredFetch(options: MeteredFetchOptions): FetchLike {
  return async function meteredFetch(input, init = {}) {
    // The SDK builds a fresh Headers per attempt, so editing it in place is safe and saves a copy.
    const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    const callId = headers.get(CALL_HEADER);
    headers.delete(CALL_HEADER);
    const call = callId === null ? undefined : options.calls.get(callId);
    if (!call) throw new UnmeteredRequestError();
    const retryCount = Number(headers.get('x-stainless-retry-count') ?? '0') || 0;
    // Tell the server the timeout we really enforce, not the SDK's placeholder.
    headers.set('x-stainless-timeout', String(Math.max(1, Math.ceil(options.timeoutMs / 1000))));

    // A 429 that waiting can cure is not handed to the SDK: it would spend one of its few retries
    // (and end the call after them) on a refusal that costs no budget. Instead the attempt waits
    // here for the rate controller's pause and goes again, as often as it takes; only the caller's
    // abort (cancel, a run stopping) or a meter refusal ends the wait.
    const stopped = call.meter.sendsStopped;
    for (;;) {
      // Rejects only when the call is aborted (the SDK then sees its signal aborted and stops) or
      // when the caller stops all sends: the call then ends with that reason, as for a meter
      // refusal, having reserved nothing.
      let slot: Slot;
      try {
        slot = await options.rate.acquire(call.signal, stopped);
      } catch (error) {
        if (!call.signal.aborted && stopped?.aborted) call.fail(stopped.reason);
        throw error;
      }
      try {
        await call.meter.beforeAttempt();
      } catch (error) {
        slot.release({ kind: 'neutral' });
        call.fail(error);
        throw error;
      }
      call.attempts++;
      slot.sent();

      let run: AttemptRun;
      try {
        run = await sendAttempt(options, call, input, init, headers);
      } catch (error) {
        // sendAttempt classifies every failure itself; this only guards the exactly-once rule.
        run = { error, outcome: { kind: 'uncertain', reason: 'stream-broken' }, feedback: { kind: 'neutral' } };
      }
      try {
        await call.meter.afterAttempt(run.outcome);
      } catch (error) {
        call.fail(error);
      } finally {
        // Settled before the slot frees, so a released reservation is visible to the next attempt.
        slot.release(run.feedback);
      }
      if (!call.signal.aborted && (run.waitable === 'rate-limit' || (run.waitable === 'unavailable' && options.rate.unavailableForMs() < UNAVAILABLE_PATIENCE_MS))) continue;
      announceRetry(options, call, run, retryCount);
      if (run.response) return run.response;
      throw run.error;
    }
  };
}

async function sendAttempt(
  options: MeteredFetchOptions,
  call: CallContext,
  input: string | URL | Request,
  init: RequestInit,
  headers: Headers,
): Promise<AttemptRun> {
  const sdkSignal = init.signal ?? undefined;
  if (call.signal.aborted || sdkSignal?.aborted) {
    return {
      error: call.signal.aborted ? call.signal.reason : sdkSignal?.reason,
      outcome: { kind: 'released', status: null, reason: 'cancelled before sending' },
      feedback: { kind: 'neutral' },
    };
  }
  const attempt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort(attemptTimeoutError(options.timeoutMs));
  }, options.timeoutMs);
  const cancel = (): void => attempt.abort(call.signal.reason ?? sdkSignal?.reason);
  call.signal.addEventListener('abort', cancel, { once: true });
  const followSdk = options.sdkTimeoutCanWin !== false ? sdkSignal : undefined;
  followSdk?.addEventListener('abort', cancel, { once: true });
  // Why the attempt ended early, in budget terms. The caller's abort wins over a timer that fired
  // in the same tick: the person cancelled.
  const interrupted = (): { reason: 'timeout' | 'aborted'; error: unknown } | undefined => {
    if (call.signal.aborted) return { reason: 'aborted', error: call.signal.reason };
    if (timedOut) return { reason: 'timeout', error: attemptTimeoutError(options.timeoutMs) };
    // The SDK aborting its own controller means its (long) timeout fired.
    if (sdkSignal?.aborted) return { reason: 'timeout', error: attemptTimeoutError(options.timeoutMs) };
    return undefined;
  };
  try {
    let response: Response;
    try {
      response = await options.fetch(input, { ...init, headers, signal: attempt.signal });
    } catch (error) {
      const early = interrupted();
      if (early) return { error: early.error, outcome: { kind: 'uncertain', reason: early.reason }, feedback: { kind: 'neutral' } };
      const failure = classifyFetchFailure(error);
      const outcome: AttemptOutcome = failure.beforeSending
        ? { kind: 'released', status: null, reason: failure.description }
        : { kind: 'uncertain', reason: 'stream-broken' };
      return { error, outcome, feedback: { kind: 'neutral' } };
    }

    const rate = parseRequestRateHeaders(response.headers);
    const { status } = response;
    if (status >= 200 && status < 300) {
      let whole: Response;
      try {
        whole = (await readWhole(response)).response;
      } catch (error) {
        // The model ran (a 2xx was committed) but the completion did not arrive whole: spent.
        const early = interrupted();
        return {
          error: early?.error ?? error,
          outcome: { kind: 'uncertain', reason: early?.reason ?? 'stream-broken' },
          feedback: { kind: 'neutral', rate },
        };
      }
      return { response: whole, outcome: { kind: 'completed', status }, feedback: { kind: 'success', rate } };
    }

    // Refused before the model ran (429, 5xx without a completion, other 4xx): released.
    const retryAfterMs = parseRetryAfterMs(response.headers);
    // The status is what matters; if the body cannot be read the SDK reads an empty one fine.
    const whole = await readWhole(response).catch(() => ({ response: rebuild(response, null), body: null }));
    const outcome: AttemptOutcome = {
      kind: 'released',
      status,
      reason: refusalReason(status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    const retryAfter = retryAfterMs !== undefined ? { retryAfterMs } : {};
    const serverSaysRetry = response.headers.get('x-should-retry') !== 'false';
    if (status === 429) {
      const feedback: AttemptFeedback = { kind: 'rate-limited', rate, ...retryAfter };
      return { response: whole.response, outcome, feedback, ...(curedByWaiting(response.headers, whole.body) ? { waitable: 'rate-limit' as const } : {}) };
    }
    if (UNAVAILABLE_STATUSES.has(status) && serverSaysRetry) {
      return { response: whole.response, outcome, feedback: { kind: 'unavailable', rate, ...retryAfter }, waitable: 'unavailable' };
    }
    return { response: whole.response, outcome, feedback: { kind: 'neutral', rate } };
  } finally {
    clearTimeout(timer);
    call.signal.removeEventListener('abort', cancel);
    followSdk?.removeEventListener('abort', cancel);
  }
}

/**
 * The error handed to the SDK when our timer fires. Its name makes the SDK treat it as a timeout
 * (retry, then APIConnectionTimeoutError), exactly like its own timer would.
 */
function attemptTimeoutError(timeoutMs: number): Error {
  const error = new Error(`The attempt timed out after ${timeoutMs} ms.`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * A 429 is a request to wait, except when the server says retrying is pointless
 * (`x-should-retry: false`) or the account is out of quota (OpenAI's `insufficient_quota`, also a
 * 429): no window reopens for those, so they go to the SDK and end the call as before.
 */
function curedByWaiting(headers: Headers, body: Uint8Array | null): boolean {
  if (headers.get('x-should-retry') === 'false') return false;
  if (body === null || body.byteLength > 64 * 1024) return true;
  return !new TextDecoder().decode(body).includes('insufficient_quota');
}

function refusalReason(status: number): string {
  if (status === 429) return 'rate limited (HTTP 429)';
  if (status >= 500) return `server error (HTTP ${status})`;
  return `rejected (HTTP ${status})`;
}

/**
 * The response with its whole body in memory, and that body. The default transport's responses
 * hold it already and are handed on as they are; any other is read once and rebuilt.
 */
async function readWhole(response: Response): Promise<{ response: Response; body: Uint8Array<ArrayBuffer> | null }> {
  const held = heldBody(response);
  if (held !== undefined) return { response, body: held };
  const body = NULL_BODY_STATUSES.has(response.status) ? null : new Uint8Array(await response.arrayBuffer());
  return { response: rebuild(response, body), body };
}

/**
 * A buffered copy the SDK can read without touching the network again. The headers are kept as
 * sent: content-encoding/length then describe the wire bytes, not the decoded body, which the SDK
 * never relies on (it only skips parsing when content-length is exactly "0", true either way).
 */
function rebuild(response: Response, body: Uint8Array<ArrayBuffer> | null): Response {
  return heldResponse(body ?? new Uint8Array(0), { status: response.status, statusText: response.statusText, headers: response.headers }, response.url);
}

/** Mirrors the SDK's shouldRetry, only to tell the UI; the SDK decides for itself. */
function sdkWillRetry(run: AttemptRun): boolean {
  if (!run.response) return true;
  const override = run.response.headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  const { status } = run.response;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function announceRetry(options: MeteredFetchOptions, call: CallContext, run: AttemptRun, retryCount: number): void {
  if (call.signal.aborted || retryCount >= options.maxRetries || run.outcome.kind === 'completed') return;
  if (!sdkWillRetry(run)) return;
  const outcome = run.outcome;
  const retryAfterMs = outcome.kind === 'released' && outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, MAX_PAUSE_MS) : null;
  emitSafely(options.onEvent, {
    type: 'retry',
    status: outcome.kind === 'released' ? outcome.status : null,
    reason: outcome.kind === 'released' ? outcome.reason : outcome.reason === 'timeout' ? 'timed out' : 'connection lost',
    retryAfterMs,
    attempt: retryCount + 1,
  });
}
