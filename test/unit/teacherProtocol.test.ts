// The test teacher speaks the OpenAI chat-completions protocol well enough for the real SDK:
// plain and streamed completions, n > 1, max_tokens, models, admin endpoints, error shapes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { clientFor, finalLine, TEST_MODEL, withTeacher } from '../teacher/testing.ts';

const QUESTION = 'Maria has 12 apples. She buys 30 more apples at the store. How many apples does she have in total?';
const user = (content: string) => [{ role: 'user' as const, content }];

describe('test teacher: chat completions', () => {
  it('answers a plain completion with usage, finish_reason, ids and a #### line', async () => {
    await withTeacher({}, async (teacher) => {
      const { data, response, request_id } = await clientFor(teacher)
        .chat.completions.create({ model: TEST_MODEL, messages: user(`Question: ${QUESTION}`) })
        .withResponse();
      assert.equal(response.status, 200);
      assert.match(request_id ?? '', /^req_[0-9a-f]{32}$/);
      assert.equal(data.object, 'chat.completion');
      assert.equal(data.model, TEST_MODEL);
      assert.match(data.id, /^chatcmpl-/);
      assert.equal(data.choices.length, 1);
      const choice = data.choices[0]!;
      assert.equal(choice.finish_reason, 'stop');
      assert.equal(choice.message.role, 'assistant');
      // Unknown question: the number is worked out from the question, and "buys ... more" adds.
      assert.equal(finalLine(choice.message.content), '42');
      const sentences = (choice.message.content ?? '').split('\n#### ')[0]!.split(/(?<=\.)\s+/);
      assert.ok(sentences.length >= 2 && sentences.length <= 4, `2–4 sentences, got ${sentences.length}`);
      const usage = data.usage!;
      assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
      assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
      const stats = teacher.stats();
      assert.equal(stats.models[TEST_MODEL]?.completions, 1);
      assert.equal(stats.totals.completionTokens, usage.completion_tokens);
      assert.equal(stats.totals.promptTokens, usage.prompt_tokens);
    });
  });

  it('streams the same text as the JSON answer, with a usage chunk only when asked', async () => {
    await withTeacher({}, async (teacher) => {
      const client = clientFor(teacher);
      const params = { model: TEST_MODEL, messages: user(QUESTION), seed: 11, temperature: 0.7 };
      const plain = await client.chat.completions.create(params);

      const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
      let text = '';
      let finish: string | null = null;
      let usage: OpenAI.CompletionUsage | null | undefined;
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      assert.ok(chunks > 3, 'content arrives in several chunks');
      assert.equal(text, plain.choices[0]!.message.content);
      assert.equal(finish, 'stop');
      assert.deepEqual(usage, plain.usage);

      const plainTwo = await client.chat.completions.create({ ...params, n: 2 });
      const texts = ['', ''];
      for await (const chunk of await client.chat.completions.create({ ...params, n: 2, stream: true })) {
        for (const c of chunk.choices) texts[c.index] += c.delta.content ?? '';
      }
      assert.deepEqual(texts, plainTwo.choices.map((c) => c.message.content));

      const noUsage = await client.chat.completions.create({ ...params, stream: true });
      for await (const chunk of noUsage) assert.equal(chunk.usage, undefined);
      assert.equal(teacher.stats().totals.completions, 5);
    });
  });

  it('returns n choices that differ in wording but agree on the answer', async () => {
    await withTeacher({}, async (teacher) => {
      teacher.learn([{ question: QUESTION, answer: 'She has 12 + 30 = 42 apples.\n#### 42' }]);
      const res = await clientFor(teacher).chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION), n: 4, temperature: 0.8 });
      assert.deepEqual(res.choices.map((c) => c.index), [0, 1, 2, 3]);
      assert.deepEqual(res.choices.map((c) => finalLine(c.message.content)), ['42', '42', '42', '42']);
      assert.ok(new Set(res.choices.map((c) => c.message.content)).size > 1, 'sampled choices are not all identical');
      const perChoice = res.choices.map((c) => Math.ceil((c.message.content ?? '').length / 4));
      assert.equal(res.usage?.completion_tokens, perChoice.reduce((a, b) => a + b, 0));
      assert.equal(teacher.stats().totals.completions, 1, 'one request with n=4 is one completion');
    });
  });

  it('cuts at max_tokens / max_completion_tokens with finish_reason "length"', async () => {
    await withTeacher({}, async (teacher) => {
      const client = clientFor(teacher);
      for (const limit of [{ max_tokens: 5 }, { max_completion_tokens: 5 }]) {
        const res = await client.chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION), ...limit });
        assert.equal(res.choices[0]!.finish_reason, 'length');
        assert.equal(res.usage?.completion_tokens, 5);
        assert.ok((res.choices[0]!.message.content ?? '').length <= 20);
        assert.equal(finalLine(res.choices[0]!.message.content), undefined);
      }
      const roomy = await client.chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION), max_tokens: 500 });
      assert.equal(roomy.choices[0]!.finish_reason, 'stop');
    });
  });

  it('lists its models for free and 404s unknown models when an allow-list is set', async () => {
    await withTeacher({ models: ['teacher-a', 'augmenter-b'] }, async (teacher) => {
      const client = clientFor(teacher);
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      assert.deepEqual(ids, ['teacher-a', 'augmenter-b']);
      assert.equal(teacher.stats().totals.requests, 0, 'listing models is not a model request');

      const error = await client.chat.completions.create({ model: 'gpt-nope', messages: user(QUESTION) }).catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.NotFoundError, `got ${String(error)}`);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.param, 'model');
      assert.match(error.requestID ?? '', /^req_/);
      const stats = teacher.stats();
      assert.deepEqual(stats.models['gpt-nope']?.errors, { 404: 1 });
      assert.equal(stats.totals.completions, 0);
      await client.chat.completions.create({ model: 'teacher-a', messages: user(QUESTION) });
      assert.equal(teacher.stats().models['teacher-a']?.completions, 1);
    });
  });
});

describe('test teacher: errors in the OpenAI shape', () => {
  it('401 for a wrong or missing key, without echoing the key', async () => {
    await withTeacher({ requireApiKey: 'sk-right' }, async (teacher) => {
      const wrong = await clientFor(teacher, { apiKey: 'sk-wrong-secret' })
        .chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION) })
        .catch((e: unknown) => e);
      assert.ok(wrong instanceof OpenAI.AuthenticationError, `got ${String(wrong)}`);
      assert.equal(wrong.status, 401);
      assert.equal(wrong.code, 'invalid_api_key');
      assert.equal(wrong.type, 'invalid_request_error');
      assert.doesNotMatch(JSON.stringify(wrong.error) + wrong.message, /sk-wrong-secret|sk-right/);
      const listing = await clientFor(teacher, { apiKey: 'sk-wrong' }).models.list().catch((e: unknown) => e);
      assert.ok(listing instanceof OpenAI.AuthenticationError);

      const anonymous = await fetch(`${teacher.url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: TEST_MODEL, messages: user(QUESTION) }),
      });
      assert.equal(anonymous.status, 401);
      assert.match(((await anonymous.json()) as { error: { message: string } }).error.message, /didn't provide an API key/);

      const ok = await clientFor(teacher, { apiKey: 'sk-right' }).chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION) });
      assert.equal(ok.choices.length, 1);
      const stats = teacher.stats().models[TEST_MODEL]!;
      assert.deepEqual([stats.requests, stats.completions, stats.errors[401]], [3, 1, 2]);
    });
  });

  it('400 for a missing parameter (typed SDK error) and for a body that is not JSON', async () => {
    await withTeacher({}, async (teacher) => {
      const missing = await clientFor(teacher)
        .chat.completions.create({ model: TEST_MODEL } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
        .catch((e: unknown) => e);
      assert.ok(missing instanceof OpenAI.BadRequestError, `got ${String(missing)}`);
      assert.equal(missing.status, 400);
      assert.equal(missing.param, 'messages');
      assert.equal(missing.code, 'missing_required_parameter');

      const raw = await fetch(`${teacher.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model": "x", "messages": [',
      });
      assert.equal(raw.status, 400);
      assert.match(raw.headers.get('x-request-id') ?? '', /^req_/);
      const body = (await raw.json()) as { error: Record<string, unknown> };
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(String(body.error.message), /could not parse the JSON body/);

      const badN = await clientFor(teacher).chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION), n: 0 }).catch((e: unknown) => e);
      assert.ok(badN instanceof OpenAI.BadRequestError);
      assert.equal(badN.param, 'n');

      const unknownRoute = await fetch(`${teacher.url}/embeddings`, { method: 'POST', body: '{}' });
      assert.equal(unknownRoute.status, 404);
      const stats = teacher.stats();
      assert.equal(stats.totals.completions, 0);
      assert.equal(stats.totals.errors[400], 3);
    });
  });
});

describe('test teacher: admin endpoints', () => {
  it('reads stats, changes knobs, learns answers and resets over HTTP', async () => {
    await withTeacher({}, async (teacher) => {
      const admin = (path: string, body?: unknown) =>
        fetch(`${teacher.origin}/__teacher/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
      const client = clientFor(teacher);

      const learnt = await admin('learn', { pairs: [{ question: QUESTION, answer: '#### 99' }] });
      assert.deepEqual(await learnt.json(), { learnt: 1, known: 1 });
      const answer = await client.chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION) });
      assert.equal(finalLine(answer.choices[0]!.message.content), '99');

      const configured = await admin('config', { errorRate: 1, errorStatus: 503, requireApiKey: 'sk-admin' });
      assert.equal(configured.status, 200);
      const shown = (await configured.json()) as Record<string, unknown>;
      assert.equal(shown.errorRate, 1);
      assert.equal(shown.requireApiKey, '(set)', 'the key is not shown back');
      assert.equal(teacher.knobs().errorStatus, 503);
      const failed = await clientFor(teacher, { apiKey: 'sk-admin' })
        .chat.completions.create({ model: TEST_MODEL, messages: user(QUESTION) })
        .catch((e: unknown) => e);
      assert.ok(failed instanceof OpenAI.InternalServerError);
      assert.equal(failed.status, 503);

      const typo = await admin('config', { errrorRate: 1 });
      assert.equal(typo.status, 400);
      assert.match(((await typo.json()) as { error: { message: string } }).error.message, /unknown knob "errrorRate"/);
      const outOfRange = await admin('config', { hangRate: 2 });
      assert.equal(outOfRange.status, 400);

      const stats = (await (await admin('stats')).json()) as { totals: { requests: number; completions: number; errors: Record<string, number> } };
      assert.deepEqual([stats.totals.requests, stats.totals.completions, stats.totals.errors['503']], [2, 1, 1]);
      assert.deepEqual(stats, teacher.stats());

      assert.equal((await admin('reset', {})).status, 200);
      assert.equal(teacher.stats().totals.requests, 0);
      assert.equal(teacher.goldFor(QUESTION), '99', 'reset keeps learnt answers');
      assert.equal(teacher.knobs().errorRate, 1, 'reset keeps knobs');
      assert.deepEqual(await (await admin('health')).json(), { ok: true });
    });
  });
});
