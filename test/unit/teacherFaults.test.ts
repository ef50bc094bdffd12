// Fault injection: rate limits, server errors, hangs and bad outputs, seen through the real
// openai SDK, and what the teacher's counters say about them (the budget tests rely on these).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { planRequest } from '../teacher/faults.ts';
import { DEFAULT_KNOBS, mergeKnobs } from '../teacher/knobs.ts';
import { REFUSAL_TEXT } from '../teacher/completer.ts';
import { clientFor, finalLine, TEST_MODEL, waitUntil, withTeacher } from '../teacher/testing.ts';

const QUESTION = 'A baker makes 24 muffins each day for 5 days. How many muffins does the baker make?';
const user = (content: string) => [{ role: 'user' as const, content }];
const ask = (client: OpenAI, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  client.chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION), ...extra });

describe('test teacher: rate limits', { concurrency: true }, () => {
  it('a random 429 with Retry-After is retried by the SDK: two requests, one completion', async () => {
    const rate = 0.5;
    // Find a seed whose first request is rate limited and whose second is not.
    const seed = Array.from({ length: 200 }, (_, i) => i).find((s) => {
      const knobs = mergeKnobs(DEFAULT_KNOBS, { rateLimit429Rate: rate, seed: s });
      return planRequest(knobs, 0).fault === 'rateLimited' && planRequest(knobs, 1).fault === 'none';
    });
    assert.notEqual(seed, undefined);
    await withTeacher({ rateLimit429Rate: rate, retryAfterSeconds: 0.05, seed: seed! }, async (teacher) => {
      const started = Date.now();
      const res = await ask(clientFor(teacher, { maxRetries: 2 }));
      assert.equal(res.choices[0]!.finish_reason, 'stop');
      assert.ok(Date.now() - started >= 40, 'the SDK waited for retry-after-ms (50 ms, less timer rounding)');
      const stats = teacher.stats().models[TEST_MODEL]!;
      assert.equal(stats.requests, 2);
      assert.equal(stats.completions, 1);
      assert.deepEqual(stats.errors, { 429: 1 });
    });
  });

  it('sends Retry-After, retry-after-ms and the OpenAI error body with a 429', async () => {
    await withTeacher({ rateLimit429Rate: 1, retryAfterSeconds: 0.05 }, async (teacher) => {
      const error = await ask(clientFor(teacher, { maxRetries: 0 })).catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.RateLimitError, `got ${String(error)}`);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.type, 'requests');
      assert.equal(error.param, null);
      assert.equal(error.headers?.get('retry-after'), '1');
      assert.equal(error.headers?.get('retry-after-ms'), '50');
      const stats = teacher.stats().totals;
      assert.deepEqual([stats.requests, stats.completions], [1, 0]);
    });
  });

  it('RPM limit: requests over the limit in the window get 429 until a slot frees', async () => {
    await withTeacher({ requestsPerMinute: 3 }, async (teacher) => {
      const client = clientFor(teacher, { maxRetries: 0 });
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => ask(client).withResponse()));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const limited = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      assert.equal(ok.length, 3);
      assert.equal(limited.length, 2);
      for (const error of limited) {
        assert.ok(error instanceof OpenAI.RateLimitError);
        const retryAfter = Number(error.headers?.get('retry-after'));
        assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
        assert.ok(Number(error.headers?.get('retry-after-ms')) > 50_000, 'about a minute, less the time this test took under load');
        assert.equal(error.headers?.get('x-ratelimit-limit-requests'), '3');
        assert.equal(error.headers?.get('x-ratelimit-remaining-requests'), '0');
      }
      const remaining = ok.map((r) => (r as PromiseFulfilledResult<{ response: Response }>).value.response.headers.get('x-ratelimit-remaining-requests'));
      assert.deepEqual(remaining.sort(), ['0', '1', '2']);
      const stats = teacher.stats().totals;
      assert.deepEqual([stats.requests, stats.completions, stats.errors[429]], [5, 3, 2]);
    });

    // A minute's window while the third request is refused (however slowly a loaded machine sends
    // the three), then a 150 ms one, so the slots free once 150 ms have passed: waiting on time is
    // the point here, and a slower machine only waits longer.
    await withTeacher({ requestsPerMinute: 2, rateLimitWindowMs: 60_000 }, async (teacher) => {
      const client = clientFor(teacher, { maxRetries: 0 });
      await ask(client);
      await ask(client);
      const third = await ask(client).catch((e: unknown) => e);
      assert.ok(third instanceof OpenAI.RateLimitError);
      assert.ok(Number(third.headers?.get('retry-after-ms')) <= 60_000);
      teacher.configure({ rateLimitWindowMs: 150 });
      await new Promise((r) => setTimeout(r, 170));
      const fourth = await ask(client);
      assert.equal(fourth.choices.length, 1, 'a slot freed once the window moved on');
      // And an SDK with retries simply waits for the slot: no error surfaces.
      await ask(clientFor(teacher, { maxRetries: 2 }));
      await ask(clientFor(teacher, { maxRetries: 2 }));
      const stats = teacher.stats().totals;
      assert.equal(stats.completions, 5);
      // The third request's 429 is certain; whether the retrying clients met one too depends on
      // how long a loaded machine took between requests, against a 150 ms window.
      assert.ok((stats.errors[429] ?? 0) >= 1);
      assert.equal(stats.requests, stats.completions + (stats.errors[429] ?? 0));
    });
  });
});

describe('test teacher: server errors and hangs', { concurrency: true }, () => {
  it('errorRate=1 with maxRetries 0 gives a 500 and no completion; retries are requests too', async () => {
    await withTeacher({ errorRate: 1 }, async (teacher) => {
      const error = await ask(clientFor(teacher, { maxRetries: 0 })).catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.InternalServerError, `got ${String(error)}`);
      assert.equal(error.status, 500);
      assert.equal(error.type, 'server_error');
      assert.deepEqual(teacher.stats().totals.errors, { 500: 1 });
      assert.equal(teacher.stats().totals.completions, 0);

      teacher.resetStats();
      // Like OpenAI, a 500 carries no Retry-After by default; here one keeps the SDK's backoff short.
      teacher.configure({ errorRetryAfterSeconds: 0 });
      const retried = await ask(clientFor(teacher, { maxRetries: 2 })).catch((e: unknown) => e);
      assert.ok(retried instanceof OpenAI.InternalServerError);
      const stats = teacher.stats().totals;
      assert.deepEqual([stats.requests, stats.completions, stats.errors[500]], [3, 0, 3]);
    });
  });

  it('a hung request makes the SDK time out; it is counted as hung, never as a completion', async () => {
    await withTeacher({ hangRate: 1 }, async (teacher) => {
      const started = Date.now();
      // 500 ms: the request reaches the teacher (in this same, possibly starved, process) long before.
      const error = await ask(clientFor(teacher, { maxRetries: 0, timeout: 500 })).catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.APIConnectionTimeoutError, `got ${String(error)}`);
      assert.ok(Date.now() - started >= 495);
      await waitUntil(() => teacher.stats().totals.hung === 1, 'the teacher to hold the request', 30_000);
      const stats = teacher.stats().models[TEST_MODEL]!;
      assert.deepEqual([stats.requests, stats.hung, stats.completions], [1, 1, 0]);
      assert.deepEqual(stats.errors, {});
    });
  });

  it('close() does not wait for hung requests', async () => {
    await withTeacher({ hangRate: 1 }, async (teacher) => {
      const pending = fetch(`${teacher.url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: TEST_MODEL, messages: user(QUESTION) }),
      }).then(
        () => 'answered',
        () => 'dropped',
      );
      await waitUntil(() => teacher.stats().totals.hung === 1, 'the request to hang');
      await teacher.close();
      assert.equal(await pending, 'dropped');
    });
  });

  it('latency delays answers; an abort during latency or mid-stream is counted', async () => {
    await withTeacher({ latencyMs: 50 }, async (teacher) => {
      const started = Date.now();
      await ask(clientFor(teacher));
      assert.ok(Date.now() - started >= 45);
      // The abort comes once the teacher holds the request in its latency (a minute now), not
      // after a fixed time: on a loaded machine a timer can fire before the request arrives.
      teacher.configure({ latencyMs: 60_000 });
      const controller = new AbortController();
      const asked = clientFor(teacher, { timeout: 120_000 })
        .chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION) }, { signal: controller.signal })
        .catch((e: unknown) => e);
      await waitUntil(() => teacher.stats().totals.requests === 2, 'the teacher to receive the request', 30_000);
      controller.abort();
      const error = await asked;
      assert.ok(error instanceof OpenAI.APIUserAbortError);
      await waitUntil(() => teacher.stats().totals.clientAborts === 1, 'the server to see the abort', 30_000);
      const stats = teacher.stats().totals;
      assert.equal(stats.clientAborts, 1);
      assert.equal(stats.completions, 1, 'an abort before the answer is not a completion');
    });

    // A minute between chunks: the abort after the first chunk always lands mid-stream, however
    // slowly a loaded machine reads.
    await withTeacher({ chunkDelayMs: 60_000 }, async (teacher) => {
      const controller = new AbortController();
      const stream = await clientFor(teacher, { timeout: 120_000 }).chat.completions.create(
        { model: TEST_MODEL, messages: user(QUESTION), stream: true },
        { signal: controller.signal },
      );
      let chunks = 0;
      let text = '';
      // The SDK ends the iteration quietly on a user abort.
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (++chunks === 1) controller.abort();
      }
      assert.equal(chunks, 1, 'stopped after the first chunk');
      assert.equal(finalLine(text), undefined, 'the answer never arrived in full');
      await waitUntil(() => teacher.stats().totals.clientAborts === 1, 'the server to see the abort', 30_000);
      const stats = teacher.stats().totals;
      assert.equal(stats.completions, 1, 'the model ran: a stream aborted midway still counts');
      assert.equal(stats.clientAborts, 1);
    });
  });
});

describe('test teacher: bad outputs', { concurrency: true }, () => {
  it('truncateRate cuts the content and says finish_reason "length"', async () => {
    await withTeacher({}, async (teacher) => {
      const client = clientFor(teacher);
      const full = await ask(client, { seed: 3 });
      teacher.configure({ truncateRate: 1 });
      const cut = await ask(client, { seed: 3 });
      const fullText = full.choices[0]!.message.content!;
      const cutText = cut.choices[0]!.message.content!;
      assert.equal(cut.choices[0]!.finish_reason, 'length');
      assert.ok(cutText.length > 0 && cutText.length < fullText.length);
      assert.ok(fullText.startsWith(cutText), 'the cut text is a prefix of the full one');
      assert.equal(finalLine(cutText), undefined);
      assert.equal(teacher.stats().totals.faults.truncated, 1);
      assert.equal(teacher.stats().totals.completions, 2, 'a truncated answer is still a completion');
    });
  });

  it('malformed, empty and refusal outputs, plain and structured', async () => {
    const rephrase = {
      model: TEST_MODEL,
      messages: [
        { role: 'system' as const, content: 'Task: rephrase' },
        { role: 'user' as const, content: `Question: ${QUESTION}\nCount: 2` },
      ],
    };
    const schemaFormat = {
      type: 'json_schema' as const,
      json_schema: { name: 'rephrase', strict: true, schema: { type: 'object', properties: { rephrasings: { type: 'array', items: { type: 'string' } } }, required: ['rephrasings'], additionalProperties: false } },
    };
    await withTeacher({ malformedJsonRate: 1 }, async (teacher) => {
      const client = clientFor(teacher);
      for (let i = 0; i < 4; i++) {
        const res = await client.chat.completions.create(rephrase);
        const content = res.choices[0]!.message.content!;
        assert.throws(() => JSON.parse(content));
        const braces = content.slice(content.indexOf('{'), content.lastIndexOf('}') + 1);
        assert.throws(() => JSON.parse(braces), 'not even the {...} part parses');
      }
      const plain = await ask(client);
      assert.equal(finalLine(plain.choices[0]!.message.content), undefined, 'a malformed answer has no #### line');
      assert.equal(teacher.stats().totals.faults.malformed, 5);
    });
    await withTeacher({ emptyRate: 1 }, async (teacher) => {
      const res = await clientFor(teacher).chat.completions.create(rephrase);
      assert.equal(res.choices[0]!.message.content, '');
      assert.equal(res.choices[0]!.finish_reason, 'stop');
    });
    await withTeacher({ refusalRate: 1 }, async (teacher) => {
      const client = clientFor(teacher);
      const structured = await client.chat.completions.create({ ...rephrase, response_format: schemaFormat });
      assert.equal(structured.choices[0]!.message.content, null);
      assert.equal(structured.choices[0]!.message.refusal, REFUSAL_TEXT);
      const plain = await ask(client);
      assert.equal(plain.choices[0]!.message.content, REFUSAL_TEXT);
      assert.equal(teacher.stats().totals.faults.refusal, 2);
    });
  });

  it('wrongAnswerRate moves a known answer off its gold', async () => {
    await withTeacher({ wrongAnswerRate: 1 }, async (teacher) => {
      teacher.learn([{ question: QUESTION, answer: '24 * 5 = 120\n#### 120' }]);
      const res = await ask(clientFor(teacher), { n: 3, temperature: 0.7 });
      for (const choice of res.choices) {
        const final = finalLine(choice.message.content);
        assert.ok(final !== undefined && final !== '120' && Number.isFinite(Number(final)), `got ${final}`);
      }
      teacher.configure({ wrongAnswerRate: 0 });
      const right = await ask(clientFor(teacher));
      assert.equal(finalLine(right.choices[0]!.message.content), '120');
    });
  });

  it('fault decisions repeat exactly for the same seed and request order', async () => {
    const run = async (client: OpenAI): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push(await ask(client).then(() => 200, (e: unknown) => (e instanceof OpenAI.APIError ? (e.status ?? 0) : 0)));
      return out;
    };
    const statuses = async (seed: number): Promise<number[]> => withTeacher({ errorRate: 0.5, seed }, (teacher) => run(clientFor(teacher)));
    const first = await statuses(7);
    assert.deepEqual(await statuses(7), first);
    await withTeacher({ errorRate: 0.5, seed: 7 }, async (teacher) => {
      await run(clientFor(teacher));
      teacher.resetStats();
      assert.deepEqual(await run(clientFor(teacher)), first, 'resetStats restarts the request index');
    });
    const predicted = Array.from({ length: 12 }, (_, i) =>
      planRequest(mergeKnobs(DEFAULT_KNOBS, { errorRate: 0.5, seed: 7 }), i).fault === 'serverError' ? 500 : 200,
    );
    assert.deepEqual(first, predicted);
    assert.ok(first.includes(200) && first.includes(500), `both outcomes at rate 0.5: ${first.join(',')}`);
    assert.notDeepEqual(await statuses(8), first, 'another seed hits other requests');
  });
});
