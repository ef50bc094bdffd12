// Final answers as the gold-match check reads them: extraction (reusing the strategies'
// finalAnswerOf, plus a last-number fallback) and normalisation of tricky numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerValue, compareAnswers, extractAnswer, goldAnswer } from '../../src/core/checks/answerValue.ts';

const num = (raw: string) => {
  const v = answerValue(raw);
  assert.equal(v.kind, 'number', `${raw} should read as a number, got ${JSON.stringify(v)}`);
  return v.kind === 'number' ? v.value : NaN;
};

describe('extractAnswer', () => {
  it('reads a real GSM8K answer by its #### line', () => {
    const gsm8k = 'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72';
    assert.deepEqual(extractAnswer(gsm8k), { raw: '72', how: 'marked', value: { kind: 'number', value: 72, percent: false } });
  });

  it('reads #### 1,000, \\boxed{42} and "The answer is 7 apples."', () => {
    assert.equal(num(extractAnswer('So 10 * 100 = 1000.\n#### 1,000')!.raw), 1000);
    assert.equal(num(extractAnswer('Adding up, we get $\\boxed{42}$.')!.raw), 42);
    const apples = extractAnswer('She had 3 and got 4 more.\nThe answer is 7 apples.');
    assert.equal(apples?.raw, '7 apples');
    assert.equal(num(apples!.raw), 7);
  });

  it('falls back to the last number only when allowed, and says so', () => {
    const text = 'First 3 + 4 = 7, then doubled gives 14 marbles.';
    assert.equal(extractAnswer(text), null);
    const guess = extractAnswer(text, { lastNumber: true });
    assert.equal(guess?.how, 'last-number');
    assert.equal(guess?.raw, '14');
    assert.equal(extractAnswer('The total was $1,200.50 in the end.', { lastNumber: true })?.raw, '$1,200.50');
    assert.equal(extractAnswer('no numbers here', { lastNumber: true }), null);
  });

  it('takes a short bare seed answer as the gold answer, not a long unmarked one', () => {
    assert.equal(goldAnswer('72')?.raw, '72');
    assert.equal(goldAnswer('Paris')?.raw, 'Paris');
    assert.equal(goldAnswer('SELECT name FROM singer WHERE age > 20 ORDER BY name, then the others'), null);
  });
});

describe('answerValue', () => {
  it('normalises currency, commas, trailing zeros, fractions and percentages', () => {
    assert.equal(num('$1,200.50'), 1200.5);
    assert.equal(num('1200.5 dollars'), 1200.5);
    assert.equal(num('3/4'), 0.75);
    assert.equal(num('\\frac{3}{4}'), 0.75);
    assert.equal(num('12.0'), 12);
    assert.equal(num('1,000'), 1000);
    assert.equal(num('1,234,567'), 1234567);
    assert.equal(num('7 apples'), 7);
    assert.equal(num('2 1/2 hours'), 2.5);
    assert.equal(num('−5'), -5);
    assert.equal(num('x = 5'), 5);
    const percent = answerValue('50%');
    assert.deepEqual(percent, { kind: 'number', value: 50, percent: true });
    assert.deepEqual(answerValue('50 percent'), { kind: 'number', value: 50, percent: true });
  });

  it('leaves what is not one number as text', () => {
    assert.equal(answerValue('3 hours and 20 minutes').kind, 'text');
    assert.equal(answerValue('5-6').kind, 'text');
    assert.equal(answerValue('1,5').kind, 'text');
    assert.deepEqual(answerValue('Paris.'), { kind: 'text', text: 'paris' });
  });
});

describe('compareAnswers', () => {
  const cmp = (a: string, b: string) => compareAnswers(answerValue(a), answerValue(b));

  it('matches equal numbers however they are written', () => {
    assert.equal(cmp('$1,200.50', '1200.5'), 'match');
    assert.equal(cmp('12.0', '12'), 'match');
    assert.equal(cmp('3/4', '0.75'), 'match');
    assert.equal(cmp('50%', '50'), 'match');
    assert.equal(cmp('50%', '0.5'), 'match');
    assert.equal(cmp('7 apples', '7'), 'match');
  });

  it('tells a mismatch from what cannot be compared', () => {
    assert.equal(cmp('72', '71'), 'mismatch');
    assert.equal(cmp('3/4', '0.7'), 'mismatch');
    assert.equal(cmp('50%', '5'), 'mismatch');
    assert.equal(cmp('Paris', 'paris'), 'match');
    assert.equal(cmp('Paris', 'Lyon'), 'mismatch');
    assert.equal(cmp('seventy-two', '72'), 'not-comparable');
  });
});
