// refusal, empty, truncated, self-check: what generation already noticed (the sample's flags),
// re-read against the current text. A person's edit replaces the model's text, so once edited
// the flags of the original no longer speak for it and only the text is looked at.
import { looksLikeRefusal } from '../strategies/parseAnswer.ts';
import type { Sample } from '../samples/sample.ts';
import type { SampleText } from './currentText.ts';
import type { CheckResult } from './types.ts';

export function refusalCheck(sample: Sample, text: SampleText): CheckResult {
  const check = 'refusal';
  if (!text.edited && sample.flags.includes('refusal')) return { check, status: 'fail', detail: 'the model declined (flagged at generation)' };
  if (text.answer.trim() !== '' && looksLikeRefusal(text.answer)) return { check, status: 'fail', detail: 'the answer opens like a refusal and gives no final answer' };
  if (text.question.trim() !== '' && looksLikeRefusal(text.question)) return { check, status: 'fail', detail: 'the question reads like a refusal' };
  return { check, status: 'pass', detail: text.edited && sample.flags.includes('refusal') ? 'edited by a person (the original was a refusal)' : 'no refusal' };
}

export function emptyCheck(sample: Sample, text: SampleText): CheckResult {
  const check = 'empty';
  const missing = [text.question.trim() === '' ? 'question' : null, text.answer.trim() === '' ? 'answer' : null].filter((x) => x !== null);
  if (missing.length > 0) {
    const why = sample.flags.includes('unanswerable') ? ' (the self-check called the question unanswerable, so no answer was bought)' : sample.flags.includes('malformed') ? ' (the model output could not be read)' : '';
    return { check, status: 'fail', detail: `no ${missing.join(' and no ')}${why}` };
  }
  return { check, status: 'pass', detail: 'question and answer present' };
}

export function truncatedCheck(sample: Sample, text: SampleText): CheckResult {
  const check = 'truncated';
  const cut = sample.flags.includes('truncated') || sample.calls.some((call) => call.finishReason === 'length');
  if (!cut) return { check, status: 'pass', detail: 'every model call finished on its own' };
  if (text.edited) return { check, status: 'pass', detail: 'edited by a person (the original was cut off at the token limit)' };
  return { check, status: 'fail', detail: 'cut off at the token limit (finish_reason "length")' };
}

export function selfCheck(sample: Sample, text: SampleText): CheckResult {
  const check = 'self-check';
  if (sample.strategy !== 'new-question') return { check, status: 'n/a', detail: 'only new questions are self-checked' };
  if (sample.flags.includes('unanswerable') && !text.edited) return { check, status: 'fail', detail: "the augmenter's self-check says the question is not answerable or not well formed" };
  return { check, status: 'pass', detail: text.edited ? 'edited by a person' : 'the augmenter judged it answerable' };
}
