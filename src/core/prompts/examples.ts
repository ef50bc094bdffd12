// How few-shot examples are written into the new-question prompt ({{examples}}). The labels
// match the ones the prompts use elsewhere ("Question:", "Answer:"), so a model sees one format.

export interface ExampleText {
  readonly question: string;
  readonly answer: string;
}

export function formatExamples(examples: readonly ExampleText[]): string {
  return examples.map((e, i) => `Example ${i + 1}\nQuestion: ${e.question.trim()}\nAnswer: ${e.answer.trim()}`).join('\n\n');
}
