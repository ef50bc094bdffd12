// scaffolding-leak: pieces of the prompt that ended up in the data — the labels and headings of
// SeedSmith's templates (prompts/defaults.ts: "Task:", "Count:", "Question:", "Examples:"), the
// JSON envelope the augmenter was asked for, chatty preambles ("Here are some examples", "Sure,
// here is…"), unfilled {{placeholders}}. Self-Instruct drops such candidates; a student trained
// on them learns to write them.
import type { CheckResult } from './types.ts';

interface Leak {
  readonly pattern: RegExp;
  readonly what: string;
}

// Leaks anywhere: template labels at a line start, placeholders, prompt phrases.
const COMMON: readonly Leak[] = [
  { pattern: /^\s*(?:Task|Count|Examples?|Rephrasings?|New questions?)\s*:/im, what: 'a prompt label' },
  { pattern: /\{\{\s*\w+\s*\}\}/, what: 'an unfilled {{placeholder}}' },
  { pattern: /\bhere (?:are|is) (?:some|a few|the) examples?\b/i, what: '"here are some examples"' },
  { pattern: /\b(?:write|writing) \d+ (?:new questions|rephrasings)\b/i, what: 'the instruction to the augmenter' },
  { pattern: /\bas many (?:new questions|rephrasings)\b.*\bas count says\b/i, what: 'the instruction to the augmenter' },
  { pattern: /"(?:questions|rephrasings|answerable|well_formed|final_answer)"\s*:/, what: 'the JSON envelope of the reply' },
];

const QUESTION_ONLY: readonly Leak[] = [
  { pattern: /^\s*(?:Question|Answer|Rephrased question|Paraphrase)\s*\d*\s*:/im, what: 'a "Question:"/"Answer:" label' },
  { pattern: /####/, what: 'a "####" final-answer line' },
  { pattern: /^\s*(?:sure|certainly|of course|okay|ok)\b[,.!]/i, what: 'a chatty preamble' },
  { pattern: /^\s*here(?:'s|’s| is| are)\b/i, what: 'a chatty preamble' },
  { pattern: /\\boxed\{/, what: 'a boxed answer' },
];

const ANSWER_ONLY: readonly Leak[] = [
  // An answer may end "Answer: 42", but a question label inside it is the next example leaking.
  { pattern: /^\s*Question\s*\d*\s*:/im, what: 'a "Question:" label' },
];

const IN_QUESTIONS = [...COMMON, ...QUESTION_ONLY];
const IN_ANSWERS = [...COMMON, ...ANSWER_ONLY];

/**
 * A pattern the user's own seeds use (a "Question:" label in every seed question, say) is their
 * format, not a leak, and is not reported for that side.
 */
export class ScaffoldingChecker {
  readonly #questionLeaks: readonly Leak[];
  readonly #answerLeaks: readonly Leak[];

  constructor(seeds: readonly { readonly question: string; readonly answer: string }[] = []) {
    this.#questionLeaks = IN_QUESTIONS.filter((leak) => !seeds.some((seed) => leak.pattern.test(seed.question)));
    this.#answerLeaks = IN_ANSWERS.filter((leak) => !seeds.some((seed) => leak.pattern.test(seed.answer)));
  }

  check(question: string, answer: string): CheckResult {
    const check = 'scaffolding-leak';
    const found: string[] = [];
    for (const leak of this.#questionLeaks) if (leak.pattern.test(question)) found.push(`${leak.what} in the question`);
    for (const leak of this.#answerLeaks) if (leak.pattern.test(answer)) found.push(`${leak.what} in the answer`);
    if (found.length === 0) return { check, status: 'pass', detail: 'no prompt scaffolding' };
    return { check, status: 'fail', detail: `prompt scaffolding leaked: ${[...new Set(found)].join('; ')}` };
  }
}
