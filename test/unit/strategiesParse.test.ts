// The tolerant readers: JSON that an endpoint wrapped or bent, the shapes of the augmenter's
// lists, and the flags an answer earns. Each case states what a real endpoint sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatResult } from '../../src/core/model/chat.ts';
import { answerFlags, finalAnswerOf, looksLikeRefusal, parseLooseJson, readNewQuestions, readRephrasings } from '../../src/core/strategies/index.ts';

function result(content: string, extra: Partial<ChatResult> = {}): ChatResult {
  return { content, refusal: null, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5 }, model: 'm', requestId: null, attempts: 1, latencyMs: 1, ...extra };
}

describe('parseLooseJson', () => {
  it('plain JSON is read as is, not marked repaired', () => {
    assert.deepEqual(parseLooseJson(' {"a": [1, 2]} '), { ok: true, value: { a: [1, 2] }, repaired: false });
  });

  it('reads a ```json fence inside prose', () => {
    const text = 'Sure! Here are the rephrasings:\n```json\n{"rephrasings": ["one", "two"]}\n```\nLet me know if you need more.';
    assert.deepEqual(parseLooseJson(text), { ok: true, value: { rephrasings: ['one', 'two'] }, repaired: true });
  });

  it('reads a fence without a language tag', () => {
    assert.deepEqual(parseLooseJson('```\n["x"]\n```'), { ok: true, value: ['x'], repaired: true });
  });

  it('reads JSON wrapped in prose, skipping bracketed prose before it and braces inside strings', () => {
    const text = 'Here [as requested] is my answer: {"questions": [{"question": "Is {x} > 2?", "answerable": true, "reason": "ok"}]} Hope it helps }';
    const parsed = parseLooseJson(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { questions: [{ question: 'Is {x} > 2?', answerable: true, reason: 'ok' }] });
  });

  it('accepts a bare array', () => {
    assert.deepEqual(parseLooseJson('["a", "b"]'), { ok: true, value: ['a', 'b'], repaired: false });
  });

  it('strips trailing commas, also inside a fence', () => {
    assert.deepEqual(parseLooseJson('{"rephrasings": ["a", "b",],}'), { ok: true, value: { rephrasings: ['a', 'b'] }, repaired: true });
    assert.deepEqual(parseLooseJson('```json\n[1, 2, ]\n```'), { ok: true, value: [1, 2], repaired: true });
  });

  it('garbage, single-quoted keys and a cut-off object are not JSON', () => {
    for (const text of [
      '',
      'I think the answer is 42.',
      "{'rephrasings': ['a']}",
      'Here is the JSON you asked for:\n{"rephrasings": ["a", "b"]',
      '{"a": 1,, "b": 2}',
    ]) {
      const parsed = parseLooseJson(text);
      assert.equal(parsed.ok, false, JSON.stringify(text));
    }
  });
});

describe('finalAnswerOf and refusals', () => {
  it('reads "####", \\boxed{} and a closing "The answer is" line; the last #### wins', () => {
    assert.equal(finalAnswerOf('2 + 3 = 5\n#### 5'), '5');
    assert.equal(finalAnswerOf('#### 4\nwait, no\n#### 5  '), '5');
    assert.equal(finalAnswerOf('x\r\n#### 7\r\n'), '7');
    assert.equal(finalAnswerOf('So we get $\\boxed{\\frac{1}{2}}$.'), '\\frac{1}{2}');
    assert.equal(finalAnswerOf('Adding them up.\nThe answer is 12.'), '12');
    assert.equal(finalAnswerOf('Therefore, the final answer is: 3 apples'), '3 apples');
  });

  it('finds none when the final line is missing or empty', () => {
    assert.equal(finalAnswerOf('Adding gives 12 apples in the basket.'), null);
    assert.equal(finalAnswerOf('The answer is 12, I think.\nLet me double check the sum.'), null);
    assert.equal(finalAnswerOf('####\n'), null);
    assert.equal(finalAnswerOf('\\boxed{ }'), null);
  });

  it('refusal phrasing counts only at the start of a text with no final answer', () => {
    assert.ok(looksLikeRefusal("I'm sorry, but I can't help with that request."));
    assert.ok(looksLikeRefusal('I cannot assist with this.'));
    assert.ok(looksLikeRefusal("I'm sorry, that request is outside what I do."));
    assert.ok(looksLikeRefusal('As an AI language model, I do not do homework.'));
    assert.ok(!looksLikeRefusal('First 3 * 4 = 12. I cannot see any other item, so the total is 12.\n#### 12'));
    assert.ok(!looksLikeRefusal(`${'Step. '.repeat(50)}I cannot divide by zero here.`));
  });
});

describe('answerFlags', () => {
  it('a good answer has no flags', () => {
    assert.deepEqual(answerFlags(result('3 + 4 = 7\n#### 7')), []);
  });

  it('empty content → empty', () => {
    assert.deepEqual(answerFlags(result('   ')), ['empty']);
  });

  it('the refusal field, refusal phrasing and a content filter → refusal (not also empty or no-final-answer)', () => {
    assert.deepEqual(answerFlags(result('', { refusal: 'I will not do that.' })), ['refusal']);
    assert.deepEqual(answerFlags(result("I'm sorry, but I can't help with that request.")), ['refusal']);
    assert.deepEqual(answerFlags(result('', { finishReason: 'content_filter' })), ['refusal']);
  });

  it('finish_reason length → truncated, with no-final-answer when the cut took the final line', () => {
    assert.deepEqual(answerFlags(result('First, 3 + 4 is', { finishReason: 'length' })), ['truncated', 'no-final-answer']);
    assert.deepEqual(answerFlags(result('3 + 4 = 7\n#### 7', { finishReason: 'length' })), ['truncated']);
  });

  it('no final answer line → no-final-answer', () => {
    assert.deepEqual(answerFlags(result('3 + 4 makes seven apples.')), ['no-final-answer']);
  });
});

describe('readRephrasings / readNewQuestions', () => {
  it('reads the schema shape, a bare array and objects with a text field', () => {
    assert.deepEqual(readRephrasings(result('{"rephrasings": ["a?", " b? "]}')), { ok: true, items: ['a?', 'b?'], notes: [] });
    const bare = readRephrasings(result('Sure:\n["a?", {"question": "c?"}, 7]'));
    assert.ok(bare.ok);
    assert.deepEqual(bare.items, ['a?', 'c?']);
    assert.equal(bare.notes.length, 2, 'repaired + one unreadable item');
  });

  it('a JSON object without the list is malformed; so is garbage; truncation is added', () => {
    assert.deepEqual(readRephrasings(result('{"answer": 3}')).ok, false);
    const garbage = readRephrasings(result('{"rephrasings": ["a", ', { finishReason: 'length' }));
    assert.ok(!garbage.ok);
    assert.deepEqual(garbage.flags, ['malformed', 'truncated']);
    assert.match(garbage.notes[0]!, /rephrasings/);
  });

  it('refusal field, refusal text and empty output get their own flags', () => {
    const field = readNewQuestions(result('', { refusal: 'No.' }));
    assert.ok(!field.ok);
    assert.deepEqual(field.flags, ['refusal']);
    const text = readNewQuestions(result("I'm sorry, but I can't help with that request."));
    assert.ok(!text.ok);
    assert.deepEqual(text.flags, ['refusal']);
    const empty = readNewQuestions(result(''));
    assert.ok(!empty.ok);
    assert.deepEqual(empty.flags, ['empty']);
  });

  it('reads the self-check: booleans, yes/no strings, well_formed false, and a missing check as null', () => {
    const reading = readNewQuestions(
      result(
        JSON.stringify({
          questions: [
            { question: 'Q1?', answerable: true, reason: 'fine' },
            { question: 'Q2?', answerable: 'no', reason: 'missing a number' },
            { question: 'Q3?', answerable: true, well_formed: false, reason: 'two questions' },
            'Q4?',
          ],
        }),
      ),
    );
    assert.ok(reading.ok);
    assert.deepEqual(reading.items, [
      { question: 'Q1?', answerable: true, reason: 'fine' },
      { question: 'Q2?', answerable: false, reason: 'missing a number' },
      { question: 'Q3?', answerable: false, reason: 'two questions' },
      { question: 'Q4?', answerable: null, reason: '' },
    ]);
  });
});
