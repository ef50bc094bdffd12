// The text a sample stands for now: the person's edit when they accepted it with edits, else what
// the models wrote. Checks look at it and export writes it, so both always agree.
import type { SampleReview } from '../journal/state.ts';
import type { Sample } from '../samples/sample.ts';

export interface SampleText {
  readonly question: string;
  readonly answer: string;
  readonly edited: boolean;
}

export function currentText(sample: Sample, review: SampleReview | undefined): SampleText {
  const edited = review?.edited ?? null;
  return edited ? { question: edited.question, answer: edited.answer, edited: true } : { question: sample.question, answer: sample.answer, edited: false };
}
