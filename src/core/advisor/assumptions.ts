// What the token estimates assume beyond what can be counted. The prompts are counted exactly
// (rendered with the real templates); what the models will write back, and the questions they
// will invent, can only be guessed from the seeds. These factors are SeedSmith's assumptions,
// not measurements or the paper's findings, and are shown as such; each one widens the range.
import type { AnswerProfile } from '../profile/types.ts';

export interface Assumption {
  readonly low: number;
  readonly high: number;
  readonly text: string;
}

export const ESTIMATE_ASSUMPTIONS = {
  /** Teacher answer length ÷ the seed's own answer length (then capped at max_tokens). */
  answerLength: {
    low: 0.75,
    high: 2,
    text: "a teacher's answer is taken to be 0.75–2× as long as the seed's own answer (the answer prompt asks for a few short steps and a final '#### answer' line), and never longer than the request's max_tokens",
  },
  /** Length of a rephrased or new question ÷ the seed questions it comes from. */
  questionLength: {
    low: 0.75,
    high: 1.5,
    text: 'a rephrased or new question is taken to be 0.75–1.5× as long as the seed questions it comes from (the prompts ask to keep every number and condition, or for a similar length)',
  },
  /** Tokens around each rephrasing in the augmenter's JSON reply. */
  rephraseItem: {
    low: 2,
    high: 8,
    text: 'each rephrasing adds 2–8 tokens of JSON quotes and commas',
  },
  /** Tokens around each new question: its self-check fields and JSON punctuation. */
  newQuestionItem: {
    low: 15,
    high: 60,
    text: 'each new question adds 15–60 tokens for its self-check ("answerable" and a one-sentence "reason") and JSON punctuation',
  },
  /** Tokens of the JSON object around a batch. */
  replyWrapper: {
    low: 4,
    high: 12,
    text: 'the JSON object around a batch adds 4–12 tokens',
  },
  /** Share of the response_format schema billed as input (0 in the low estimate, all of it in the high one). */
  schemaInPrompt: {
    low: 0,
    high: 1,
    text: "an augmenter request's JSON schema is counted as input in the high estimate only: endpoints differ on whether and how it is billed",
  },
} as const satisfies Readonly<Record<string, Assumption>>;

/**
 * Teacher answer length ÷ the seeds' own answer length, for the kind of answer the prompt asks
 * for (issue 10): a worked answer runs longer than the seed's, a label or a bare number is as
 * long as the seed's, a query or a record about as long. Without a profile: GSM8K's worked answer.
 */
export function answerLengthAssumption(profile: Pick<AnswerProfile, 'kind' | 'marker'> | undefined): Assumption {
  const kind = profile?.kind ?? 'numeric';
  const capped = 'and never longer than the request\'s max_tokens';
  switch (kind) {
    case 'numeric':
      if (profile?.marker === 'none') return { low: 1, high: 1.5, text: `a teacher's answer is taken to be 1–1.5× as long as the seed's own answer (the prompt asks for the bare number, as the seeds write it), ${capped}` };
      return ESTIMATE_ASSUMPTIONS.answerLength;
    case 'label':
      return { low: 1, high: 1, text: `a teacher's answer is taken to be as long as the seeds' labels (the prompt asks for exactly one label; where the endpoint supports it, as {"label": …}, a few tokens more), ${capped}` };
    case 'json':
      return { low: 0.9, high: 1.3, text: `a teacher's answer is taken to be 0.9–1.3× as long as the seed's own JSON answer (the prompt asks for one value in the seeds' schema), ${capped}` };
    case 'sql':
      return { low: 0.75, high: 1.5, text: `a teacher's answer is taken to be 0.75–1.5× as long as the seed's own query (the prompt asks for one query, no prose), ${capped}` };
    case 'code':
      return { low: 0.75, high: 1.5, text: `a teacher's answer is taken to be 0.75–1.5× as long as the seed's own code (the prompt asks for one block in the seeds' language), ${capped}` };
    case 'text':
      return { low: 0.75, high: 1.25, text: `a teacher's answer is taken to be 0.75–1.25× as long as the seed's own answer (the prompt asks for the seeds' register and length), ${capped}` };
  }
}

/** Every assumption an estimate for these seeds makes, in words, the answer length the kind's. */
export function estimateAssumptions(profile: Pick<AnswerProfile, 'kind' | 'marker'> | undefined): string[] {
  return Object.entries(ESTIMATE_ASSUMPTIONS).map(([key, a]) => (key === 'answerLength' ? answerLengthAssumption(profile).text : a.text));
}
