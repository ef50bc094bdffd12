// The chat client against the real test teacher (a real HTTP server): results, request shape,
// metering of every attempt including the SDK's own retries, errors people can act on, and the
// budget never passed at concurrency. A fake meter plays the ledger and checks its own contract
// (exactly one afterAttempt per reserved beforeAttempt).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { AttemptMeter, AttemptOutcome, ChatRequest } from '../../src/core/model/chat.ts';
import { BudgetExhaustedError, ChatError } from '../../src/core/model/errors.ts';
import { CallRegistry, UnmeteredRequestError } from '../../src/teacher/callRegistry.ts';
import type { ChatClientConfig } from '../../src/teacher/chatClient.ts';
import { createChatClient } from '../../src/teacher/chatClient.ts';
import type { TeacherEvent } from '../../src/teacher/events.ts';
import { listModels } from '../../src/teacher/listModels.ts';
import type { FetchLike } from '../../src/teacher/meteredFetch.ts';
import { createMeteredFetch } from '../../src/teacher/meteredFetch.ts';
import { BASE_BACKOFF_MS, RateController } from '../../src/teacher/rateController.ts';
import type { TestTeacher } from '../teacher/server.ts';
import { closedPort } from '../support/engineCli.ts';
import { DEFAULT_MODEL_IDS } from '../teacher/knobs.ts';
import { withTeacher } from '../teacher/testing.ts';

const KEY = 'sk-test-secret-7f3a9c21';
const MODEL = 'seedsmith-teacher';

class FakeMeter implements AttemptMeter {
  readonly outcomes: AttemptOutcome[] = [];
  readonly violations: string[] = [];
  beforeCalls = 0;
  refusals = 0;
  reserved = 0;
  spent = 0;
  readonly limit: number;
  /** Refuse from this beforeAttempt call on (1-based), whatever the limit says. */
  readonly refuseFromCall: number;

  constructor(limit = Number.POSITIVE_INFINITY, refuseFromCall = Number.POSITIVE_INFINITY) {
    this.limit = limit;
    this.refuseFromCall = refuseFromCall;
  }

  async beforeAttempt(): Promise<void> {
    this.beforeCalls++;
    // A reservation is a durable write in the real ledger: let other work interleave.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.beforeCalls >= this.refuseFromCall || this.spent + this.reserved >= this.limit) {
      this.refusals++;
      throw new BudgetExhaustedError('teacher', this.limit);
    }
    this.reserved++;
  }

  async afterAttempt(outcome: AttemptOutcome): Promise<void> {
    if (this.reserved <= 0) this.violations.push(`afterAttempt(${outcome.kind}) without a reservation`);
    this.reserved--;
    this.outcomes.push(outcome);
    if (outcome.kind !== 'released') this.spent++;
    await new Promise((resolve) => setImmediate(resolve));
  }

  count(kind: AttemptOutcome['kind']): number {
    return this.outcomes.filter((o) => o.kind === kind).length;
  }

  /** Every reserved attempt was settled exactly once, and nothing is left open. */
  assertBalanced(): void {
    assert.deepEqual(this.violations, []);
    assert.equal(this.reserved, 0, 'an attempt was reserved and never settled');
    assert.equal(this.beforeCalls - this.refusals, this.outcomes.length);
  }
}

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    role: 'teacher',
    model: MODEL,
    messages: [
      { role: 'system', content: 'You solve grade-school maths problems.' },
      { role: 'user', content: 'Tom has 3 apples and buys 4 more. How many apples does he have?' },
    ],
    sampling: { temperature: 0.7, maxTokens: 256 },
    ...overrides,
  };
}

function clientFor(teacher: TestTeacher, overrides: Partial<ChatClientConfig> = {}) {
  return createChatClient({ baseURL: teacher.url, apiKey: KEY, timeoutMs: 2000, maxRetries: 2, maxConcurrency: 8, ...overrides });
}

const live = (): AbortSignal => new AbortController().signal;

async function chatErrorOf(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ChatError, `expected a ChatError, got ${inspect(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** Records what really went over the wire, then sends it with the global fetch. */
function capturingFetch(after?: (response: Response, index: number) => void) {
  const sent: Array<{ headers: Headers; body: Record<string, unknown> }> = [];
  const capture: FetchLike = async (input, init) => {
    sent.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown> });
    const response = await fetch(input, init);
    after?.(response, sent.length);
    return response;
  };
  return { sent, fetch: capture };
}

/** A base URL whose port refuses connections, and that no parallel test can start listening on. */
async function refusingUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}/v1`;
}

describe('teacher chat client', () => {
  it('returns content, usage, finish reason, model and request id, and meters one completed attempt', async () => {
    await withTeacher({ latencyMs: 5 }, async (teacher) => {
      const meter = new FakeMeter();
      const result = await clientFor(teacher).complete(chatRequest(), meter, live());
      assert.match(result.content, /#### 7/);
      assert.equal(result.refusal, null);
      assert.equal(result.finishReason, 'stop');
      assert.equal(result.model, MODEL);
      assert.match(result.requestId ?? '', /^req_[0-9a-f]+$/);
      assert.equal(result.attempts, 1);
      assert.ok(result.latencyMs >= 5, `latency ${result.latencyMs}`);
      const stats = teacher.stats().totals;
      assert.deepEqual(result.usage, { promptTokens: stats.promptTokens, completionTokens: stats.completionTokens });
      assert.ok(result.usage.completionTokens > 0);
      assert.deepEqual(meter.outcomes, [{ kind: 'completed', status: 200 }]);
      assert.equal(stats.requests, 1);
      assert.equal(stats.completions, 1);
      meter.assertBalanced();
    });
  });

  it('sends the sampling parameters and json_schema response format, strips its routing header, and reads a refusal', async () => {
    await withTeacher({ refusalRate: 1 }, async (teacher) => {
      const wire = capturingFetch();
      const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
      const result = await clientFor(teacher, { fetch: wire.fetch }).complete(
        chatRequest({ sampling: { temperature: 0.3, topP: 0.9, maxTokens: 128, seed: 42 }, responseFormat: { name: 'answer', schema, strict: true } }),
        new FakeMeter(),
        live(),
      );
      assert.equal(wire.sent.length, 1);
      const { body, headers } = wire.sent[0]!;
      assert.equal(body.model, MODEL);
      assert.equal(body.temperature, 0.3);
      assert.equal(body.top_p, 0.9);
      assert.equal(body.max_tokens, 128, 'a non-OpenAI endpoint gets max_tokens');
      assert.equal(body.seed, 42);
      assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } });
      assert.equal((body.messages as unknown[]).length, 2);
      assert.equal(headers.get('x-seedsmith-call'), null, 'the internal routing header must not leave the machine');
      assert.equal(headers.get('authorization'), `Bearer ${KEY}`);
      assert.equal(result.content, '');
      assert.match(result.refusal ?? '', /can't help/);
    });
  });

  it('can send max_completion_tokens instead, and sends no Authorization without a key', async () => {
    await withTeacher({ truncateRate: 1 }, async (teacher) => {
      const wire = capturingFetch();
      const result = await clientFor(teacher, { fetch: wire.fetch, apiKey: '', maxTokensField: 'max_completion_tokens' }).complete(chatRequest(), new FakeMeter(), live());
      assert.equal(wire.sent[0]!.body.max_completion_tokens, 256);
      assert.equal('max_tokens' in wire.sent[0]!.body, false);
      assert.equal(wire.sent[0]!.headers.get('authorization'), null);
      assert.equal(result.finishReason, 'length');
    });
  });

  it('waits out 429s itself instead of spending the SDK’s retries: each 429 released, the wait honoured, every attempt sent metered once', async () => {
    await withTeacher({ rateLimit429Rate: 1, retryAfterSeconds: 0.2 }, async (teacher) => {
      // The teacher refuses the first two requests, then accepts.
      const wire = capturingFetch((_response, index) => {
        if (index === 2) teacher.configure({ rateLimit429Rate: 0 });
      });
      const events: TeacherEvent[] = [];
      const meter = new FakeMeter();
      // One SDK retry would allow two attempts: the third succeeds only because no 429 reaches the SDK.
      const client = clientFor(teacher, { fetch: wire.fetch, maxRetries: 1, onEvent: (e) => events.push(e) });
      const started = performance.now();
      const result = await client.complete(chatRequest(), meter, live());
      const elapsed = performance.now() - started;
      assert.deepEqual(meter.outcomes, [
        { kind: 'released', status: 429, reason: 'rate limited (HTTP 429)', retryAfterMs: 200 },
        { kind: 'released', status: 429, reason: 'rate limited (HTTP 429)', retryAfterMs: 200 },
        { kind: 'completed', status: 200 },
      ]);
      assert.equal(result.attempts, 3);
      const stats = teacher.stats().totals;
      assert.equal(stats.requests, meter.outcomes.length, 'released + completed must equal what the server received');
      assert.equal(wire.sent.length, meter.outcomes.length, 'every attempt sent was metered, and only those');
      assert.equal(stats.completions, 1);
      assert.deepEqual(wire.sent.map((s) => s.headers.get('x-stainless-retry-count')), ['0', '0', '0'], 'the SDK never retried');
      assert.deepEqual(events.filter((e) => e.type === 'retry'), [], 'no SDK retry was announced');
      // The first wait is the Retry-After; refused again after it, the hint was too short and the
      // wait doubles from the backoff base.
      const pauses = events.flatMap((e) => (e.type === 'pause' ? [[e.waitMs, e.cause]] : []));
      assert.deepEqual(pauses, [
        [200, 'retry-after'],
        [2 * BASE_BACKOFF_MS, 'backoff'],
      ]);
      assert.ok(elapsed >= 200 + 2 * BASE_BACKOFF_MS - 5, `sent again before the wait was over: ${elapsed} ms`);
      assert.deepEqual(events.filter((e) => e.type === 'window').map((e) => (e.type === 'window' ? e.window : 0)).slice(0, 2), [4, 2]);
      meter.assertBalanced();
    });
  });

  it('keeps waiting for as long as 429s last, until the caller aborts: nothing spent, nothing left reserved', async () => {
    await withTeacher({ rateLimit429Rate: 1, retryAfterSeconds: 0 }, async (teacher) => {
      const meter = new FakeMeter();
      const caller = new AbortController();
      const events: TeacherEvent[] = [];
      // More refusals than the SDK's retries allow (none): the second pause comes after the third 429.
      const onEvent = (e: TeacherEvent): void => {
        events.push(e);
        if (events.filter((x) => x.type === 'pause').length === 2) caller.abort(new Error('stop'));
      };
      const error = await chatErrorOf(clientFor(teacher, { maxRetries: 0, onEvent }).complete(chatRequest(), meter, caller.signal));
      assert.equal(error.kind, 'aborted');
      assert.ok(meter.count('released') >= 3, `only ${meter.count('released')} attempts`);
      assert.equal(meter.spent, 0);
      assert.equal(teacher.stats().totals.requests, meter.outcomes.length);
      meter.assertBalanced();
    });
  });

  it('ends in rate-limited, at once and fatal to a run, on a 429 no wait cures (out of quota)', async () => {
    await withTeacher({ insufficientQuota: true }, async (teacher) => {
      const meter = new FakeMeter();
      const error = await chatErrorOf(clientFor(teacher, { maxRetries: 0 }).complete(chatRequest(), meter, live()));
      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.status, 429);
      assert.equal(error.isFatal, true);
      assert.match(error.message, /waiting does not cure: You exceeded your current quota/);
      assert.deepEqual(meter.outcomes.map((o) => o.kind), ['released']);
      assert.equal(teacher.stats().totals.requests, 1);
      meter.assertBalanced();
    });
  });

  it('releases every 5xx attempt and ends in a server error', async () => {
    await withTeacher({ errorRate: 1, errorRetryAfterSeconds: 0 }, async (teacher) => {
      const meter = new FakeMeter();
      const error = await chatErrorOf(clientFor(teacher, { maxRetries: 2 }).complete(chatRequest(), meter, live()));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 500);
      assert.match(error.message, new RegExp(`^The endpoint ${teacher.url.replace(/[.]/g, '\\.')} failed with HTTP 500 after 3 attempts\\.$`));
      assert.deepEqual(meter.outcomes.map((o) => [o.kind, o.kind === 'released' ? o.status : null]), [['released', 500], ['released', 500], ['released', 500]]);
      assert.equal(teacher.stats().totals.requests, 3);
      assert.equal(teacher.stats().totals.completions, 0);
      meter.assertBalanced();
    });
  });

  it('spends timed-out attempts as uncertain and ends in a timeout; the server completed nothing', async () => {
    await withTeacher({ hangRate: 1 }, async (teacher) => {
      const meter = new FakeMeter();
      const error = await chatErrorOf(clientFor(teacher, { timeoutMs: 200, maxRetries: 1 }).complete(chatRequest(), meter, live()));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not answer within 200 ms \(2 attempts\)/);
      assert.deepEqual(meter.outcomes, [
        { kind: 'uncertain', reason: 'timeout' },
        { kind: 'uncertain', reason: 'timeout' },
      ]);
      assert.equal(meter.spent, 2);
      const stats = teacher.stats().totals;
      assert.equal(stats.requests, 2);
      assert.equal(stats.hung, 2);
      assert.equal(stats.completions, 0);
      meter.assertBalanced();
    });
  });

  it('does not count time waiting for a slot against the timeout', async () => {
    // Each answer takes 400 ms against a 2.5 s timeout: room for a busy machine. The last of eight
    // calls waits ~2.8 s for the one slot, longer than the timeout, and must still succeed.
    await withTeacher({ latencyMs: 400 }, async (teacher) => {
      const client = clientFor(teacher, { timeoutMs: 2500, maxRetries: 0, maxConcurrency: 1 });
      const meter = new FakeMeter();
      const results = await Promise.all(Array.from({ length: 8 }, () => client.complete(chatRequest(), meter, live())));
      assert.equal(results.length, 8);
      assert.equal(meter.count('completed'), 8);
      meter.assertBalanced();
    });
  });

  it('sends nothing when the meter refuses, and throws its BudgetExhaustedError', async () => {
    await withTeacher({}, async (teacher) => {
      const meter = new FakeMeter(0);
      const client = clientFor(teacher);
      await assert.rejects(client.complete(chatRequest(), meter, live()), (error) => error instanceof BudgetExhaustedError && error.kind === 'budget-exhausted');
      assert.equal(teacher.stats().totals.requests, 0);
      assert.equal(meter.beforeCalls, 1);
      assert.deepEqual(meter.outcomes, []);
      assert.deepEqual(client.rateSnapshot().inFlight, 0, 'the refused attempt must give its slot back');
    });
  });

  it('stops the SDK’s retries when the meter refuses a retry', async () => {
    await withTeacher({ errorRate: 1, errorRetryAfterSeconds: 0 }, async (teacher) => {
      const meter = new FakeMeter(Number.POSITIVE_INFINITY, 2);
      await assert.rejects(clientFor(teacher, { maxRetries: 5 }).complete(chatRequest(), meter, live()), BudgetExhaustedError);
      assert.equal(meter.beforeCalls, 2, 'the SDK must not ask again after a refusal');
      assert.equal(teacher.stats().totals.requests, 1);
      assert.deepEqual(meter.outcomes.map((o) => o.kind), ['released']);
      meter.assertBalanced();
    });
  });

  it('aborts an in-flight request at once: kind aborted, attempt uncertain, no completion', async () => {
    await withTeacher({ latencyMs: 3000 }, async (teacher) => {
      const meter = new FakeMeter();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = performance.now();
      const error = await chatErrorOf(clientFor(teacher).complete(chatRequest(), meter, controller.signal));
      assert.equal(error.kind, 'aborted');
      assert.ok(performance.now() - started < 1000, 'the abort did not cut the request short');
      assert.deepEqual(meter.outcomes, [{ kind: 'uncertain', reason: 'aborted' }]);
      for (let i = 0; i < 50 && teacher.stats().totals.clientAborts === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(teacher.stats().totals.clientAborts, 1, 'the HTTP request was not aborted');
      assert.equal(teacher.stats().totals.completions, 0);
      meter.assertBalanced();
    });
  });

  it('releases a reserved attempt that was cancelled before it was sent', async () => {
    await withTeacher({}, async (teacher) => {
      const controller = new AbortController();
      const meter = new FakeMeter();
      const slowReservation: AttemptMeter = {
        beforeAttempt: async () => {
          await meter.beforeAttempt();
          controller.abort(); // the person cancels while the reservation is being written
        },
        afterAttempt: (outcome) => meter.afterAttempt(outcome),
      };
      const error = await chatErrorOf(clientFor(teacher).complete(chatRequest(), slowReservation, controller.signal));
      assert.equal(error.kind, 'aborted');
      assert.deepEqual(meter.outcomes, [{ kind: 'released', status: null, reason: 'cancelled before sending' }]);
      assert.equal(teacher.stats().totals.requests, 0);
      meter.assertBalanced();
    });
  });

  it('ends the call with the meter’s own error when settling fails, without retrying', async () => {
    await withTeacher({ errorRate: 1, errorRetryAfterSeconds: 0 }, async (teacher) => {
      const ledgerDown = new Error('journal write failed');
      let before = 0;
      const meter: AttemptMeter = {
        beforeAttempt: async () => {
          before++;
        },
        afterAttempt: async () => {
          throw ledgerDown;
        },
      };
      await assert.rejects(clientFor(teacher, { maxRetries: 3 }).complete(chatRequest(), meter, live()), (error) => error === ledgerDown);
      assert.equal(before, 1);
      assert.equal(teacher.stats().totals.requests, 1);
    });
  });

  it('aborts a call still waiting for a slot without reserving anything, and refuses an already aborted signal', async () => {
    await withTeacher({ latencyMs: 300 }, async (teacher) => {
      const client = clientFor(teacher, { maxConcurrency: 1 });
      const first = new FakeMeter();
      const queued = new FakeMeter();
      const running = client.complete(chatRequest(), first, live());
      const controller = new AbortController();
      const waiting = client.complete(chatRequest(), queued, controller.signal);
      setTimeout(() => controller.abort(), 50);
      assert.equal((await chatErrorOf(waiting)).kind, 'aborted');
      assert.equal(queued.beforeCalls, 0);
      await running;
      assert.equal((await chatErrorOf(client.complete(chatRequest(), queued, controller.signal))).kind, 'aborted');
      assert.equal(queued.beforeCalls, 0);
      assert.equal(teacher.stats().totals.requests, 1);
    });
  });

  it('maps 401 to auth without the key anywhere in the error, and does not retry it', async () => {
    await withTeacher({ requireApiKey: 'sk-the-right-one-0000' }, async (teacher) => {
      const meter = new FakeMeter();
      const error = await chatErrorOf(clientFor(teacher).complete(chatRequest(), meter, live()));
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.equal(error.message, `The endpoint ${teacher.url} rejected the API key (HTTP 401).`);
      assert.ok(!inspect(error, { depth: 8 }).includes(KEY), 'the key leaked into the error or its causes');
      assert.deepEqual(meter.outcomes, [{ kind: 'released', status: 401, reason: 'rejected (HTTP 401)' }]);
      assert.equal(teacher.stats().totals.requests, 1);
    });
  });

  it('maps 404 to not-found naming the model, and 400 to bad-request quoting the server', async () => {
    await withTeacher({ models: ['another-model'] }, async (teacher) => {
      const notFound = await chatErrorOf(clientFor(teacher).complete(chatRequest(), new FakeMeter(), live()));
      assert.equal(notFound.kind, 'not-found');
      assert.match(notFound.message, /has no model "seedsmith-teacher"/);
      const bad = await chatErrorOf(
        clientFor(teacher).complete(chatRequest({ model: 'another-model', sampling: { temperature: 7, maxTokens: 10 } }), new FakeMeter(), live()),
      );
      assert.equal(bad.kind, 'bad-request');
      assert.match(bad.message, /rejected the request \(HTTP 400\): Invalid 'temperature'/);
    });
  });

  it('maps a refused connection to connection, releasing every attempt with status null', async () => {
    const url = await refusingUrl();
    const meter = new FakeMeter();
    const client = createChatClient({ baseURL: url, apiKey: KEY, timeoutMs: 1000, maxRetries: 1, maxConcurrency: 2 });
    const error = await chatErrorOf(client.complete(chatRequest(), meter, live()));
    assert.equal(error.kind, 'connection');
    assert.equal(error.message, `Could not reach ${url}: connection refused.`);
    assert.deepEqual(meter.outcomes, [
      { kind: 'released', status: null, reason: 'connection refused' },
      { kind: 'released', status: null, reason: 'connection refused' },
    ]);
    meter.assertBalanced();
    // fetch refuses some ports itself, before connecting: also never sent.
    const blocked = new FakeMeter();
    const blockedClient = createChatClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: KEY, timeoutMs: 1000, maxRetries: 0, maxConcurrency: 1 });
    const blockedError = await chatErrorOf(blockedClient.complete(chatRequest(), blocked, live()));
    assert.equal(blockedError.kind, 'connection');
    assert.deepEqual(blocked.outcomes.map((o) => [o.kind, o.kind === 'released' ? o.status : 'spent']), [['released', null]]);
  });

  it('spends an attempt whose 200 body breaks off as uncertain (stream-broken)', async () => {
    const broken: FetchLike = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":"x","choi'));
            controller.error(new Error('socket hang up'));
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const meter = new FakeMeter();
    const client = createChatClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: KEY, timeoutMs: 1000, maxRetries: 0, maxConcurrency: 1, fetch: broken });
    const error = await chatErrorOf(client.complete(chatRequest(), meter, live()));
    assert.equal(error.kind, 'server');
    assert.deepEqual(meter.outcomes, [{ kind: 'uncertain', reason: 'stream-broken' }]);
  });

  // Throughput itself is measured by `npm run bench` (P1), not timed here: a loaded CI machine
  // would make a time limit flaky. This checks the mechanism: the window fills to C at once.
  it('keeps exactly C attempts in flight on a healthy endpoint', async () => {
    const latencyMs = 150;
    let inFlight = 0;
    let peak = 0;
    const paced: FetchLike = async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as { model: string };
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      inFlight--;
      const completion = { id: 'c', object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
      return new Response(JSON.stringify(completion), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const concurrency = 8;
    const client = createChatClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: KEY, timeoutMs: 2000, maxRetries: 0, maxConcurrency: concurrency, fetch: paced });
    const meter = new FakeMeter();
    await Promise.all(Array.from({ length: concurrency * 3 }, () => client.complete(chatRequest(), meter, live())));
    assert.equal(peak, concurrency);
    assert.equal(client.rateSnapshot().window, concurrency, 'no congestion: the window stays at C');
    assert.equal(meter.count('completed'), concurrency * 3);
  });

  it('never lets the endpoint complete more than the budget: 64 calls, limit 40, 429s, 500s and hangs', async () => {
    await withTeacher(
      { latencyMs: 5, rateLimit429Rate: 0.15, retryAfterSeconds: 0, errorRate: 0.15, errorRetryAfterSeconds: 0, hangRate: 0.1, seed: 11 },
      async (teacher) => {
        const meter = new FakeMeter(40);
        const client = clientFor(teacher, { timeoutMs: 300, maxRetries: 2, maxConcurrency: 8 });
        const settled = await Promise.allSettled(Array.from({ length: 64 }, () => client.complete(chatRequest(), meter, live())));
        const stats = teacher.stats().totals;
        const fulfilled = settled.filter((s) => s.status === 'fulfilled');
        const reasons = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
        assert.ok(stats.completions <= 40, `the endpoint completed ${stats.completions} > 40`);
        // A hang can end on the server just after the client's timeout gave up on it: the server
        // counts a completion the client booked as uncertain (spent). So the server's completions
        // lie between what the client saw complete and that plus what it booked as uncertain.
        assert.ok(meter.count('completed') <= stats.completions, `client saw ${meter.count('completed')} completions, server ${stats.completions}`);
        assert.ok(stats.completions <= meter.count('completed') + meter.count('uncertain'), 'a completion the client never booked as spent');
        assert.ok(meter.spent <= 40);
        assert.equal(meter.outcomes.length, stats.requests, 'every request the server saw was metered, and only those');
        assert.equal(fulfilled.length, meter.count('completed'));
        assert.ok(reasons.every((r) => r instanceof ChatError), 'every failure is a ChatError');
        assert.ok(reasons.some((r) => r instanceof BudgetExhaustedError), 'the budget should have run out');
        assert.ok(meter.count('released') > 0 && meter.count('uncertain') > 0, 'the faults did not happen');
        meter.assertBalanced();
        assert.equal(client.rateSnapshot().inFlight, 0);
      },
    );
  });
});

describe('listModels', () => {
  it('lists the endpoint’s models without any chat request', async () => {
    await withTeacher({}, async (teacher) => {
      assert.deepEqual(await listModels({ baseURL: teacher.url, apiKey: KEY }), [...DEFAULT_MODEL_IDS]);
      assert.equal(teacher.stats().totals.requests, 0);
    });
  });

  it('maps a wrong key to auth and a dead endpoint to connection, never showing the key', async () => {
    await withTeacher({ requireApiKey: 'sk-the-right-one-0000' }, async (teacher) => {
      const error = await chatErrorOf(listModels({ baseURL: teacher.url, apiKey: KEY }));
      assert.equal(error.kind, 'auth');
      assert.ok(!inspect(error, { depth: 8 }).includes(KEY));
    });
    const url = await refusingUrl();
    const dead = await chatErrorOf(listModels({ baseURL: url, apiKey: KEY }));
    assert.equal(dead.kind, 'connection');
    assert.equal(dead.message, `Could not reach ${url}: connection refused.`);
  });

  it('refuses a base URL that is not http(s) before sending anything', async () => {
    const error = await chatErrorOf(listModels({ baseURL: 'ftp://example.com/v1', apiKey: KEY }));
    assert.equal(error.kind, 'connection');
    assert.throws(() => createChatClient({ baseURL: 'not a url', apiKey: KEY, timeoutMs: 1000, maxRetries: 0, maxConcurrency: 1 }), ChatError);
  });
});

describe('metered fetch', () => {
  it('refuses a request that belongs to no call, without sending it', async () => {
    let sent = 0;
    const metered = createMeteredFetch({
      fetch: async () => {
        sent++;
        return new Response('{}');
      },
      calls: new CallRegistry(),
      rate: new RateController({ maxConcurrency: 1 }),
      timeoutMs: 1000,
      maxRetries: 0,
    });
    await assert.rejects(metered('http://127.0.0.1:9/v1/chat/completions', { method: 'POST', body: '{}' }), UnmeteredRequestError);
    await assert.rejects(metered('http://127.0.0.1:9/v1/chat/completions', { headers: { 'x-seedsmith-call': 'call-404' } }), UnmeteredRequestError);
    assert.equal(sent, 0);
  });
});
