// A seed's question apart from its context. An Alpaca seed's question is its instruction with
// the input appended (seeds/detectedShapes.ts keeps hashes as they were); prompts show the input
// as the context and the instruction as the question, so a rephrasing rewords only the
// instruction and a new question is written against the same input.
import type { Seed } from '../seeds/types.ts';

export interface QuestionParts {
  readonly question: string;
  readonly context?: string;
  /** True when the seed's question carries its context appended (Alpaca), as a sample's must too. */
  readonly appended?: boolean;
}

export function questionParts(seed: Pick<Seed, 'question' | 'context'>): QuestionParts {
  const { question, context } = seed;
  if (context === undefined || context.trim() === '') return { question };
  const appended = `\n\n${context}`;
  if (!question.endsWith(appended)) return { question, context };
  return { question: question.slice(0, -appended.length), context, appended: true };
}

/** A new question in the seed's form: with the context appended again when the seed had it so. */
export function inSeedForm(parts: QuestionParts, question: string): string {
  return parts.appended === true && parts.context !== undefined ? `${question}\n\n${parts.context}` : question;
}

/** The context every one of `seeds` shares, or undefined when one has none or they differ. */
export function sharedContext(seeds: readonly Pick<Seed, 'question' | 'context'>[]): string | undefined {
  const first = seeds[0]?.context;
  if (first === undefined || first.trim() === '') return undefined;
  return seeds.every((s) => s.context === first) ? first : undefined;
}
