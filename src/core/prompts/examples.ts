// How few-shot examples and a question's context are written into prompts ({{examples}},
// {{context}}). The labels match the ones the prompts use elsewhere ("Question:", "Answer:",
// "Context:"), so a model sees one format. Each block is '' when there is nothing to show, so a
// template reads the same with or without it.
import type { AnswerProfile } from '../profile/types.ts';

export interface ExampleText {
  readonly question: string;
  readonly answer: string;
  /** Shown with the example only when it differs from the context of the question asked. */
  readonly context?: string;
}

export function formatExamples(examples: readonly ExampleText[], sharedContext?: string): string {
  return examples
    .map((e, i) => {
      const context = e.context !== undefined && e.context !== sharedContext ? `Context:\n${e.context.trim()}\n` : '';
      return `Example ${i + 1}\n${context}Question: ${e.question.trim()}\nAnswer: ${e.answer.trim()}`;
    })
    .join('\n\n');
}

/** The teacher's {{examples}}: seed pairs showing the answer wanted, then a blank line. */
export function answerExamplesBlock(examples: readonly ExampleText[], context: string | undefined): string {
  if (examples.length === 0) return '';
  return `Examples of questions with the answers wanted; answer the last question in the same form:\n\n${formatExamples(examples, context)}\n\n`;
}

/** The teacher's {{context}}: what the question is asked against, before the question. */
export function answerContextBlock(context: string | undefined): string {
  return context === undefined ? '' : `Context:\n${context.trim()}\n\n`;
}

/** The rephrase prompt's {{context}}: shown, and marked as not to be reworded. */
export function rephraseContextBlock(context: string | undefined): string {
  if (context === undefined) return '';
  return `\nThe question is asked against the context below. Keep the context as it is: rephrase only the question, and do not copy the context into it.\n\nContext:\n${context.trim()}`;
}

/** The new-question prompt's {{context}}: the context the examples share, which new questions keep. */
export function newQuestionContextBlock(context: string | undefined): string {
  if (context === undefined) return '';
  return `\n\nEvery example is asked against this context, and so is every new question: write questions it can answer, without repeating the context in them.\nContext:\n${context.trim()}`;
}

/** The new-question prompt's {{kind}}: what the answers to the new questions must be. */
export function newQuestionKindNote(profile: AnswerProfile | undefined): string {
  switch (profile?.kind) {
    case 'label':
      return profile.labels === undefined ? '' : `\n\nEach new question must be answered by exactly one of these labels: ${profile.labels.map((l) => JSON.stringify(l)).join(', ')}.`;
    case 'sql':
      return '\n\nEach new question must be answerable by one SQL query over the same schema.';
    case 'json':
      return '\n\nEach new question must be answered by JSON of the same shape as the examples\' answers.';
    case 'code':
      return `\n\nEach new question must ask for code${profile.language === undefined ? '' : ` in ${profile.language}`}, like the examples.`;
    default:
      return '';
  }
}
