// The test teacher's pure parts: fault decisions, knob validation, the RPM window, prompt
// reading, the schema checker the other teacher tests rely on, and the rewording helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planChoice, planRequest } from '../teacher/faults.ts';
import { DEFAULT_KNOBS, mergeKnobs, parseKnobPatch } from '../teacher/knobs.ts';
import { extractQuestion, MAX_COUNT, readPrompt } from '../teacher/prompt.ts';
import { parseChatRequest } from '../teacher/protocol.ts';
import { formatDuration, SlidingWindowLimiter } from '../teacher/rateLimiter.ts';
import { rephrase } from '../teacher/rephraser.ts';
import { rngFor } from '../teacher/rng.ts';
import { schemaErrors } from '../teacher/schemaCheck.ts';
import { fitToSchema } from '../teacher/schemaFit.ts';
import { finalAnswerOf, normalizeQuestion, numberSignature } from '../teacher/text.ts';
import { startTestTeacher } from '../teacher/server.ts';

describe('teacher faults', () => {
  const knobs = (patch: Parameters<typeof parseKnobPatch>[0]) => mergeKnobs(DEFAULT_KNOBS, parseKnobPatch(patch));

  it('hits about the configured fraction of requests, and none or all at 0 and 1', () => {
    const count = (k: ReturnType<typeof knobs>, fault: string) =>
      Array.from({ length: 4000 }, (_, i) => planRequest(k, i).fault).filter((f) => f === fault).length;
    assert.equal(count(knobs({ errorRate: 0 }), 'serverError'), 0);
    assert.equal(count(knobs({ errorRate: 1 }), 'serverError'), 4000);
    const quarter = count(knobs({ errorRate: 0.25 }), 'serverError');
    assert.ok(quarter > 900 && quarter < 1100, `${quarter} of 4000 at 0.25`);
    const truncated = Array.from({ length: 4000 }, (_, i) => planChoice(knobs({ truncateRate: 0.1 }), i, 0)).filter((f) => f === 'truncated').length;
    assert.ok(truncated > 320 && truncated < 480, `${truncated} of 4000 at 0.1`);
  });

  it('keeps each rate on its own draw: raising one does not move another', () => {
    const errorsAt = (k: ReturnType<typeof knobs>) => Array.from({ length: 500 }, (_, i) => planRequest(k, i).fault === 'serverError');
    const hangsAt = (k: ReturnType<typeof knobs>) => Array.from({ length: 500 }, (_, i) => planRequest(k, i).fault === 'hang');
    const base = knobs({ errorRate: 0.2, seed: 9 });
    assert.deepEqual(errorsAt(knobs({ errorRate: 0.2, seed: 9, truncateRate: 0.9 })), errorsAt(base));
    // A hang never lands on a request that already failed, and hangs depend only on their own draw.
    const withHangs = knobs({ errorRate: 0.2, hangRate: 0.3, seed: 9 });
    assert.deepEqual(errorsAt(withHangs), errorsAt(base));
    const alone = hangsAt(knobs({ hangRate: 0.3, seed: 9 }));
    hangsAt(withHangs).forEach((hang, i) => assert.equal(hang, alone[i] && !errorsAt(base)[i]));
    assert.notDeepEqual(errorsAt(knobs({ errorRate: 0.2, seed: 10 })), errorsAt(base), 'the seed matters');
  });

  it('adds seeded jitter to the latency', () => {
    const k = knobs({ latencyMs: 100, latencyJitterMs: 50 });
    const delays = Array.from({ length: 200 }, (_, i) => planRequest(k, i).latencyMs);
    assert.ok(delays.every((d) => d >= 100 && d <= 150));
    assert.ok(new Set(delays).size > 20);
    assert.deepEqual(delays, Array.from({ length: 200 }, (_, i) => planRequest(k, i).latencyMs));
  });
});

describe('teacher knobs', () => {
  it('rejects unknown knobs and bad values, naming them', () => {
    assert.throws(() => parseKnobPatch({ erorRate: 0.1 }), /unknown knob "erorRate"/);
    assert.throws(() => parseKnobPatch({ errorRate: 1.5 }), /"errorRate" must be a number between 0 and 1/);
    assert.throws(() => parseKnobPatch({ requestsPerMinute: 0 }), /positive integer/);
    assert.throws(() => parseKnobPatch({ errorStatus: 404 }), /errorStatus/);
    assert.throws(() => parseKnobPatch({ models: [] }), /models/);
    assert.throws(() => parseKnobPatch([]), /JSON object/);
  });

  it('treats undefined as "not given" and null as a real value', () => {
    const k = mergeKnobs(mergeKnobs(DEFAULT_KNOBS, { models: ['a'], requireApiKey: 'k' }), parseKnobPatch({ models: null, latencyMs: undefined }));
    assert.equal(k.models, null);
    assert.equal(k.requireApiKey, 'k');
    assert.equal(k.latencyMs, DEFAULT_KNOBS.latencyMs);
  });

  it('configure() validates like the admin endpoint', async () => {
    const teacher = await startTestTeacher();
    try {
      assert.throws(() => teacher.configure({ hangRate: -1 }), /hangRate/);
      assert.equal(teacher.configure({ hangRate: 0.5 }).hangRate, 0.5);
      assert.equal(teacher.knobs().hangRate, 0.5);
    } finally {
      await teacher.close();
    }
  });
});

describe('teacher rate window', () => {
  it('admits `limit` requests per sliding window and says when the next slot frees', () => {
    const limiter = new SlidingWindowLimiter();
    assert.equal(limiter.take(2, 1000, 0).remaining, 1);
    assert.equal(limiter.take(2, 1000, 400).remaining, 0);
    const rejected = limiter.take(2, 1000, 500);
    assert.deepEqual([rejected.allowed, rejected.retryAfterMs, rejected.resetMs], [false, 500, 900]);
    assert.equal(limiter.take(2, 1000, 1001).allowed, true, 'the first slot freed at 1000');
    assert.equal(limiter.take(2, 1000, 1002).allowed, false, 'a rejected request took no slot, but the window is full again');
    assert.equal(limiter.take(2, 1000, 1401).allowed, true);
  });

  it('formats resets like OpenAI does', () => {
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(60_000), '1m0s');
    assert.equal(formatDuration(90_000), '1m30s');
  });
});

describe('teacher prompt reading', () => {
  it('takes the question after the last "Question:" line, up to a blank or label line', () => {
    const message = 'Example\nQuestion: Old one?\nAnswer: 3\n\nQuestion: Tom has 3 cats.\nHow many cats?\nCount: 4\nMore text';
    assert.equal(extractQuestion(message), 'Tom has 3 cats. How many cats?');
    assert.equal(extractQuestion('Tom has 3 cats. How many?\nCount: 2'), 'Tom has 3 cats. How many?');
  });

  it('reads the count (capped) and the task from the request', () => {
    const request = (system: string, user: string, format?: unknown) =>
      parseChatRequest({ model: 'm', messages: [{ role: 'system', content: system }, { role: 'user', content: user }], response_format: format });
    const view = readPrompt(request('Task: new-questions', 'Count: 500'));
    assert.deepEqual([view.task, view.count], ['new_questions', MAX_COUNT]);
    assert.equal(readPrompt(request('Task: unknown_task', 'Hi')).task, 'answer');
    assert.equal(readPrompt(request('Task: rephrase', 'Hi', { type: 'json_schema', json_schema: { name: 'self_check', schema: {} } })).task, 'self_check');
    assert.equal(readPrompt(request('Task: rephrase', 'Hi', { type: 'json_schema', json_schema: { name: 'other', schema: {} } })).task, 'rephrase');
    assert.notEqual(readPrompt(request('a', 'b')).promptHash, readPrompt(request('a', 'c')).promptHash);
  });

  it('reads gold answers in GSM8K and bare forms', () => {
    assert.equal(finalAnswerOf('48/2 = 24\n#### 1,024'), '1024');
    assert.equal(finalAnswerOf('The answer is 17 apples'), '17');
    assert.equal(finalAnswerOf(3.5), '3.5');
    assert.equal(normalizeQuestion('  How  MANY? '), normalizeQuestion('how many'));
  });
});

describe('teacher schema checker and fitter', () => {
  const schema = {
    type: 'object',
    $defs: { q: { type: 'object', properties: { text: { type: 'string' }, level: { enum: ['easy', 'hard'] } }, required: ['text', 'level'], additionalProperties: false } },
    properties: { items: { type: 'array', items: { $ref: '#/$defs/q' }, maxItems: 2 }, ok: { type: 'boolean' } },
    required: ['items', 'ok'],
    additionalProperties: false,
  };

  it('finds every kind of violation it claims to check', () => {
    assert.deepEqual(schemaErrors({ items: [{ text: 'a', level: 'easy' }], ok: true }, schema), []);
    const errors = schemaErrors({ items: [{ text: 1, level: 'medium', extra: 1 }, {}, {}], stray: 1 }, schema);
    for (const expected of [
      '$: missing required "ok"',
      '$: unexpected property "stray"',
      '$.items: more than 2 items',
      '$.items[0].text: expected string',
      '$.items[0].level: not one of the enum values',
      '$.items[0]: unexpected property "extra"',
      '$.items[1]: missing required "text"',
    ]) {
      assert.ok(errors.includes(expected), `missing "${expected}" in ${JSON.stringify(errors)}`);
    }
    assert.deepEqual(schemaErrors('x', { type: 'object' }), ['$: expected object']);
  });

  it('fits a value into a schema it did not match', () => {
    const fitted = fitToSchema({ items: [{ text: 5 }, { text: 'b', level: 'hard' }, { text: 'c' }], ok: 'yes', stray: 1 }, schema);
    assert.deepEqual(schemaErrors(fitted, schema), []);
    assert.deepEqual(fitted, { items: [{ text: '5', level: 'easy' }, { text: 'b', level: 'hard' }], ok: true });
  });
});

describe('teacher rephrasings', () => {
  const q = 'Sam bought 4 boxes of pens at the store. Each box has 12 pens. How many pens does Sam have in total?';

  it('are distinct, differ from the question and keep every number', () => {
    const out = rephrase(q, MAX_COUNT, rngFor('t', 1));
    assert.equal(out.length, MAX_COUNT);
    assert.equal(new Set(out.map(normalizeQuestion)).size, MAX_COUNT);
    for (const r of out) {
      assert.notEqual(normalizeQuestion(r), normalizeQuestion(q));
      assert.equal(numberSignature(r), numberSignature(q), r);
    }
  });

  it('depend on the sample: another rng picks other rewordings first', () => {
    assert.deepEqual(rephrase(q, 3, rngFor('t', 1)), rephrase(q, 3, rngFor('t', 1)));
    assert.notDeepEqual(rephrase(q, 3, rngFor('t', 1)), rephrase(q, 3, rngFor('t', 2)));
  });
});
