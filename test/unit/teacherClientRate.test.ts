// The teacher client's pure parts: the AIMD window and pauses (on a fake clock, so no test waits
// for real time), the rate-limit header parsers, and the fetch-failure classifier that decides
// whether a failed attempt is released or spent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TeacherEvent } from '../../src/teacher/events.ts';
import { classifyFetchFailure } from '../../src/teacher/fetchFailure.ts';
import type { Clock, Slot } from '../../src/teacher/rateController.ts';
import { BASE_BACKOFF_MS, MAX_BACKOFF_MS, MAX_PAUSE_MS, RateController, REOPENING_MARGIN_MS, UNAVAILABLE_BASE_MS, UNAVAILABLE_MAX_BACKOFF_MS } from '../../src/teacher/rateController.ts';
import { parseGoDuration, parseRequestRateHeaders, parseRetryAfterMs } from '../../src/teacher/rateHeaders.ts';

class FakeClock implements Clock {
  t = 0;
  timers: Array<{ at: number; fn: () => void; id: number }> = [];
  #ids = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

function setup(maxConcurrency: number) {
  const clock = new FakeClock();
  const events: TeacherEvent[] = [];
  const rate = new RateController({ maxConcurrency, clock, onEvent: (e) => events.push(e) });
  return { clock, events, rate };
}

/**
 * A slot once any pause is over, moving the fake clock (which only a test moves) to its end.
 * Awaiting acquire() during a pause without moving the clock never settles, and with nothing left
 * on the event loop node --test then hangs the file instead of failing it.
 */
async function acquireAfterPause(clock: FakeClock, rate: RateController): Promise<Slot> {
  const pending = rate.acquire();
  const until = rate.snapshot().pausedUntil;
  if (until !== null) clock.advance(until - clock.t);
  return pending;
}

/** Whether a promise has settled after the microtasks queued so far have run. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return settled;
}

// Everything here runs on a fake clock and settles at once; the timeout only turns a wait that
// can never end (a pause the test forgot to advance past) into a failure instead of a hang.
describe('RateController', { timeout: 10_000 }, () => {
  it('adds no delay and no timer while healthy: maxConcurrency slots are granted at once', async () => {
    const { clock, rate } = setup(4);
    const slots: Slot[] = [];
    for (let i = 0; i < 4; i++) {
      const pending = rate.acquire();
      assert.equal(await settledNow(pending), true, `slot ${i} was not granted at once`);
      slots.push(await pending);
    }
    assert.equal(clock.timers.length, 0);
    assert.deepEqual(rate.snapshot(), { window: 4, inFlight: 4, pausedUntil: null });
    const fifth = rate.acquire();
    assert.equal(await settledNow(fifth), false, 'a fifth attempt must wait for a free slot');
    slots[0]!.release({ kind: 'success' });
    assert.equal(await settledNow(fifth), true, 'a released slot goes to the waiter without delay');
    assert.equal(clock.timers.length, 0);
    assert.equal(rate.snapshot().inFlight, 4);
  });

  it('halves the window on a 429, once per congestion event, never below 1', async () => {
    const { clock, events, rate } = setup(8);
    const [a, b, c] = [await rate.acquire(), await rate.acquire(), await rate.acquire()];
    a.release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 4);
    // b and c started before the halving: their 429s are the same event.
    b.release({ kind: 'rate-limited' });
    c.release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 4);
    // Attempts started after the halving are a new event.
    (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 2);
    (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 1);
    (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 1);
    assert.deepEqual(
      events.filter((e) => e.type === 'window').map((e) => (e.type === 'window' ? e.window : -1)),
      [4, 2, 1],
    );
  });

  it('backs off on 429s that name no wait, doubling with each round refused again, up to MAX_BACKOFF_MS', async () => {
    const { clock, events, rate } = setup(4);
    for (let round = 0; round < 5; round++) (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited' });
    const waits = events.flatMap((e) => (e.type === 'pause' ? [[e.waitMs, e.cause]] : []));
    assert.deepEqual(waits, [
      [BASE_BACKOFF_MS, 'backoff'],
      [2 * BASE_BACKOFF_MS, 'backoff'],
      [4 * BASE_BACKOFF_MS, 'backoff'],
      [MAX_BACKOFF_MS, 'backoff'],
      [MAX_BACKOFF_MS, 'backoff'],
    ]);
    // A Retry-After that was too short once is waited longer the next round.
    (await acquireAfterPause(clock, rate)).release({ kind: 'success' });
    (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited', retryAfterMs: 100 });
    (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited', retryAfterMs: 100 });
    assert.deepEqual(events.filter((e) => e.type === 'pause').slice(-2).map((e) => (e.type === 'pause' ? [e.waitMs, e.cause] : [])), [
      [100, 'retry-after'],
      [2 * BASE_BACKOFF_MS, 'backoff'],
    ]);
  });

  it('grows the window by 1/window per success and never above maxConcurrency', async () => {
    const { clock, rate } = setup(4);
    for (let i = 0; i < 2; i++) (await acquireAfterPause(clock, rate)).release({ kind: 'rate-limited' });
    assert.equal(rate.snapshot().window, 1);
    // Slow start back to the threshold the first halving marked (2), then 1/window per success.
    (await acquireAfterPause(clock, rate)).release({ kind: 'success' });
    assert.equal(rate.snapshot().window, 2);
    (await rate.acquire()).release({ kind: 'success' });
    assert.equal(rate.snapshot().window, 2.5);
    for (let i = 0; i < 100; i++) (await rate.acquire()).release({ kind: 'success' });
    assert.equal(rate.snapshot().window, 4);
  });

  it('only lets floor(window) attempts in flight after a halving', async () => {
    const { rate } = setup(4);
    const held = [await rate.acquire(), await rate.acquire(), await rate.acquire()];
    // Retry-After 0: no pause, so only the window holds the next attempt back.
    held[0]!.release({ kind: 'rate-limited', retryAfterMs: 0 }); // window 2, 2 in flight
    const next = rate.acquire();
    assert.equal(await settledNow(next), false);
    held[1]!.release({ kind: 'neutral' }); // 1 in flight < 2
    assert.equal(await settledNow(next), true);
  });

  it('ends a wait for a slot when either of its signals aborts, with that signal\'s reason, and forgets the waiter', async () => {
    const { rate } = setup(1);
    const held = await rate.acquire();
    const call = new AbortController();
    const stop = new AbortController();
    const waiting = rate.acquire(call.signal, stop.signal);
    const next = rate.acquire(new AbortController().signal, undefined);
    stop.abort(new Error('sends stopped'));
    await assert.rejects(waiting, /sends stopped/);
    call.abort(new Error('too late')); // no listener left to reject twice or to touch the queue
    held.release({ kind: 'success' });
    assert.equal(await settledNow(next), true, 'the next waiter did not get the freed slot');
    await assert.rejects(rate.acquire(call.signal, stop.signal), /too late/);
  });

  it('pauses new attempts until the Retry-After time, then releases them', async () => {
    const { clock, events, rate } = setup(4);
    (await rate.acquire()).release({ kind: 'rate-limited', retryAfterMs: 1000 });
    assert.equal(rate.snapshot().pausedUntil, 1000);
    assert.deepEqual(events.find((e) => e.type === 'pause'), { type: 'pause', until: 1000, waitMs: 1000, cause: 'retry-after' });
    const waiting = rate.acquire();
    clock.advance(999);
    assert.equal(await settledNow(waiting), false, 'released before Retry-After');
    clock.advance(1);
    assert.equal(await settledNow(waiting), true, 'not released at Retry-After');
    assert.equal(rate.snapshot().pausedUntil, null);
  });

  it('never shortens a pause, and caps one at MAX_PAUSE_MS', async () => {
    const { rate } = setup(4);
    const [a, b, c] = [await rate.acquire(), await rate.acquire(), await rate.acquire()];
    a.release({ kind: 'rate-limited', retryAfterMs: 1000 });
    b.release({ kind: 'rate-limited', retryAfterMs: 200 });
    assert.equal(rate.snapshot().pausedUntil, 1000);
    c.release({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
    assert.equal(rate.snapshot().pausedUntil, MAX_PAUSE_MS);
  });

  it('pauses for reset/limit when x-ratelimit-remaining-requests reaches 0', async () => {
    const { rate, clock } = setup(4);
    (await rate.acquire()).release({ kind: 'success', rate: { remaining: 1, resetMs: 2000, limit: 4 } });
    assert.equal(rate.snapshot().pausedUntil, null);
    (await rate.acquire()).release({ kind: 'success', rate: { remaining: 0, resetMs: 2000, limit: 4 } });
    assert.equal(rate.snapshot().pausedUntil, 500);
    const next = rate.acquire();
    clock.advance(499);
    assert.equal(await settledNow(next), false);
    clock.advance(1);
    (await next).release({ kind: 'success', rate: { remaining: 0, resetMs: 300 } });
    assert.equal(rate.snapshot().pausedUntil, 800, 'without a limit header the whole reset is waited');
  });

  it('does not halve the window for a full request window (remaining 0): fewer in flight would not be admitted sooner', async () => {
    const { rate } = setup(4);
    (await rate.acquire()).release({ kind: 'rate-limited', retryAfterMs: 100, rate: { limit: 4, remaining: 0, resetMs: 400 } });
    assert.equal(rate.snapshot().window, 4);
    assert.equal(rate.snapshot().pausedUntil, 100, 'the first time, the endpoint is taken at its word');
  });

  /**
   * A window of 4 requests per 1000 ms, filled by sends at 0, 10, 20 and 30 ms and then refused
   * twice with a Retry-After (100 ms) far too short: the second refusal predicts the reopening.
   * The last admitted answer arrives after the first refusal, as answers still in flight do.
   */
  async function fillAndPredict(clock: FakeClock, rate: RateController): Promise<number> {
    const admitted: Slot[] = [];
    for (const at of [0, 10, 20, 30]) {
      clock.t = at;
      const slot = await rate.acquire();
      slot.sent();
      admitted.push(slot);
    }
    clock.t = 40;
    admitted.slice(0, 3).forEach((slot, i) => slot.release({ kind: 'success', rate: { limit: 4, remaining: 3 - i, resetMs: 1030 - 40 } }));
    // The endpoint empties its window 1000 ms after the newest admitted send, and says so.
    refuseFull(clock, await acquireAfterPause(clock, rate));
    assert.equal(rate.snapshot().window, 4);
    admitted[3]!.release({ kind: 'success', rate: { limit: 4, remaining: 0, resetMs: 1030 - clock.t } });
    refuseFull(clock, await acquireAfterPause(clock, rate));
    return 1000 + REOPENING_MARGIN_MS;
  }

  function refuseFull(clock: FakeClock, slot: Slot, retryAfterMs = 100): void {
    slot.release({ kind: 'rate-limited', retryAfterMs, rate: { limit: 4, remaining: 0, resetMs: 1030 - clock.t } });
  }

  it('predicts when a full window reopens from the sends it admitted, and lets one attempt through per slot as it frees', async () => {
    const { clock, events, rate } = setup(4);
    const reopenAt = await fillAndPredict(clock, rate);
    assert.equal(rate.snapshot().pausedUntil, reopenAt);
    assert.deepEqual(events.at(-1), { type: 'pause', until: reopenAt, waitMs: reopenAt - clock.t, cause: 'rate-limit-window' });
    assert.equal(rate.snapshot().window, 4, 'a full window is not congestion');
    const waiters = [0, 1, 2, 3].map(() => rate.acquire());
    const granted = async (): Promise<number> => (await Promise.all(waiters.map(settledNow))).filter(Boolean).length;
    clock.advance(reopenAt - 1 - clock.t);
    assert.equal(await granted(), 0, 'sent before the oldest slot frees');
    // One attempt per slot, at the pace the window was filled.
    for (const [at, count] of [[reopenAt, 1], [reopenAt + 9, 1], [reopenAt + 10, 2], [reopenAt + 20, 3], [reopenAt + 30, 4]] as const) {
      clock.advance(at - clock.t);
      assert.equal(await granted(), count, `at ${at} ms`);
    }
    assert.equal(rate.snapshot().pausedUntil, null);
  });

  it('moves the rest of the prediction a margin later when a predicted slot is refused, instead of waiting the Retry-After out', async () => {
    const { clock, events, rate } = setup(4);
    const reopenAt = await fillAndPredict(clock, rate);
    const first = acquireAfterPause(clock, rate);
    assert.equal(clock.t, reopenAt);
    // Refused with "Retry-After: 1 s" at the first predicted slot: a little early.
    refuseFull(clock, await first, 1000);
    const next = reopenAt + 10 + REOPENING_MARGIN_MS;
    assert.equal(rate.snapshot().pausedUntil, next);
    assert.deepEqual(events.at(-1), { type: 'pause', until: next, waitMs: next - clock.t, cause: 'rate-limit-window' });
    assert.equal(rate.snapshot().window, 4);
  });

  it('probes a full window its own sends cannot account for: halving, backoff, then slow start back to the whole window', async () => {
    const { clock, events, rate } = setup(4);
    // Nothing of ours was admitted: the window was filled before this client started.
    const refuse = (slot: Slot): void => slot.release({ kind: 'rate-limited', retryAfterMs: 100, rate: { limit: 4, remaining: 0, resetMs: 2000 } });
    refuse(await rate.acquire());
    assert.equal(rate.snapshot().window, 4);
    refuse(await acquireAfterPause(clock, rate));
    assert.equal(rate.snapshot().window, 2);
    assert.deepEqual(events.filter((e) => e.type === 'pause').at(-1), { type: 'pause', until: clock.t + 2 * BASE_BACKOFF_MS, waitMs: 2 * BASE_BACKOFF_MS, cause: 'backoff' });
    (await acquireAfterPause(clock, rate)).release({ kind: 'success' });
    assert.equal(rate.snapshot().window, 3);
    (await rate.acquire()).release({ kind: 'success' });
    assert.equal(rate.snapshot().window, 4);
  });

  it('grants waiters when the pause has ended even if its timer has not fired yet', async () => {
    const { rate, clock } = setup(4); // window 2 after the 429
    (await rate.acquire()).release({ kind: 'rate-limited', retryAfterMs: 100 });
    const first = rate.acquire();
    clock.t = 150; // time passes, the timer has not run (a busy event loop)
    const second = rate.acquire();
    assert.equal(await settledNow(second), true);
    assert.equal(await settledNow(first), true);
  });

  it('serves waiters first come, first served', async () => {
    const { rate } = setup(1);
    const held = await rate.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => rate.acquire().then((slot) => (order.push(n), slot)));
    held.release({ kind: 'success' });
    for (const waiter of waiters) (await waiter).release({ kind: 'success' });
    assert.deepEqual(order, [1, 2, 3]);
  });

  it('rejects a waiter whose signal aborts, without taking or leaking a slot', async () => {
    const { rate } = setup(1);
    const held = await rate.acquire();
    const controller = new AbortController();
    const waiting = rate.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    assert.equal(rate.snapshot().inFlight, 1);
    held.release({ kind: 'success' });
    assert.equal(rate.snapshot().inFlight, 0);
    await assert.rejects(rate.acquire(controller.signal), /stop/);
    assert.equal(await settledNow(rate.acquire()), true);
  });

  it('ignores a second release of the same slot', async () => {
    const { rate } = setup(2);
    const a = await rate.acquire();
    await rate.acquire();
    a.release({ kind: 'success' });
    a.release({ kind: 'success' });
    assert.equal(rate.snapshot().inFlight, 1);
  });

  it('rejects a maxConcurrency below 1', () => {
    assert.throws(() => new RateController({ maxConcurrency: 0 }), RangeError);
  });
});

describe('RateController: an endpoint that is unavailable', { timeout: 10_000 }, () => {
  it('pauses everyone without shrinking the window: Retry-After when given, else a doubling backoff up to its cap; a success ends the outage', async () => {
    const { clock, events, rate } = setup(4);
    // Two attempts of one round refused together are one round: one wait, not two doublings.
    const [a, b] = [await rate.acquire(), await rate.acquire()];
    a.release({ kind: 'unavailable' });
    b.release({ kind: 'unavailable' });
    for (let round = 0; round < 7; round++) (await acquireAfterPause(clock, rate)).release({ kind: 'unavailable' });
    const waits = events.flatMap((e) => (e.type === 'pause' ? [[e.waitMs, e.cause]] : []));
    assert.deepEqual(waits, [1, 2, 4, 8, 16, 30, 30, 30].map((s) => [Math.min(UNAVAILABLE_MAX_BACKOFF_MS, s * UNAVAILABLE_BASE_MS), 'unavailable']));
    assert.equal(rate.snapshot().window, 4, 'an outage is not congestion');
    assert.ok(rate.unavailableForMs() > 0);
    (await acquireAfterPause(clock, rate)).release({ kind: 'success' });
    assert.equal(rate.unavailableForMs(), 0);
    (await acquireAfterPause(clock, rate)).release({ kind: 'unavailable', retryAfterMs: 250 });
    const last = events.at(-1);
    assert.deepEqual(last?.type === 'pause' ? [last.waitMs, last.cause] : last, [250, 'unavailable']);
  });
});

describe('rate-limit headers', () => {
  it('reads Go durations as OpenAI writes them', () => {
    assert.equal(parseGoDuration('20ms'), 20);
    assert.equal(parseGoDuration('1s'), 1000);
    assert.equal(parseGoDuration('6m0s'), 360_000);
    assert.equal(parseGoDuration('1h2m3.5s'), 3_723_500);
    assert.equal(parseGoDuration('0.5s'), 500);
    assert.equal(parseGoDuration('2'), 2000);
    assert.equal(parseGoDuration(''), undefined);
    assert.equal(parseGoDuration('soon'), undefined);
    assert.equal(parseGoDuration('1s later'), undefined);
  });

  it('prefers retry-after-ms, then Retry-After seconds or HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now), 250);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '3' }), now), 3000);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '0.5' }), now), 500);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now), 7000);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now), 0);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'later' }), now), undefined);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfterMs(new Headers(), now), undefined);
  });

  it('reads x-ratelimit-*-requests and leaves out what is missing or unreadable', () => {
    assert.deepEqual(
      parseRequestRateHeaders(new Headers({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' })),
      { limit: 60, remaining: 0, resetMs: 360_000 },
    );
    assert.deepEqual(parseRequestRateHeaders(new Headers({ 'x-ratelimit-remaining-requests': 'many' })), {});
  });
});

describe('fetch failure classification', () => {
  it('releases failures that happen before the request leaves the machine', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    assert.deepEqual(classifyFetchFailure(refused), { code: 'ECONNREFUSED', beforeSending: true, description: 'connection refused' });
    const happyEyeballs = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ENETUNREACH' })], 'all failed'),
    });
    assert.equal(classifyFetchFailure(happyEyeballs).beforeSending, true);
  });

  it('releases what fetch refuses before connecting (a blocked port): no code, only a message', async () => {
    // undici refuses port 9 (and others on the blocked-ports list) without opening a connection.
    const error = await fetch('http://127.0.0.1:9/v1/chat/completions', { method: 'POST', body: '{}' }).then(
      () => assert.fail('fetch to a blocked port succeeded'),
      (e: unknown) => e,
    );
    assert.deepEqual(classifyFetchFailure(error), {
      code: undefined,
      beforeSending: true,
      description: 'fetch refuses to connect to that port (it is on the blocked-ports list)',
    });
  });

  it('spends failures that may have happened after sending, and unknown ones', () => {
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    assert.equal(classifyFetchFailure(reset).beforeSending, false);
    assert.equal(classifyFetchFailure(new Error('something odd')).beforeSending, false);
  });
});
