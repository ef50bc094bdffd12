// Field detection: which of the known record layouts a line uses, and its question and answer.
// A line is judged by the first question-side key it has, in this order, so a record that carries
// several layouts at once (say question/answer plus messages) reads as the plainest one.
import type { JSONPath } from 'jsonc-parser';
import type { Extracted, FieldProblem, SeedExtractor } from './extractor.ts';
import { valueProblem } from './fieldProblem.ts';
import { isBlank, textOf } from './seedText.ts';
import type { SeedFields, SeedShape } from './types.ts';

type SeedRecord = Readonly<Record<string, unknown>>;

export const SHAPES: readonly SeedShape[] = ['question-answer', 'instruction-output', 'prompt-completion', 'messages'];

export const SHAPE_FIELDS: Readonly<Record<SeedShape, SeedFields>> = {
  'question-answer': { question: 'question', answer: 'answer' },
  'instruction-output': { question: 'instruction + input', answer: 'output' },
  'prompt-completion': { question: 'prompt', answer: 'completion' },
  messages: { question: 'messages: last user turn', answer: 'messages: last assistant turn' },
};

const SHAPE_LIST = '{question, answer}, {instruction, output}, {prompt, completion} or {messages}';

function pair(record: SeedRecord, out: Extracted, shape: SeedShape, questionKey: string, questionValue: unknown, answerKey: string): FieldProblem | undefined {
  const question = textOf(questionValue);
  if (question === undefined || isBlank(question)) return valueProblem('question', questionValue, [questionKey], questionKey);
  const answerValue = record[answerKey];
  if (answerValue === undefined) {
    const article = answerKey === 'answer' ? 'an' : 'a';
    return { code: 'missing-answer', message: `no answer: expected ${article} "${answerKey}" field next to "${questionKey}"`, path: [] };
  }
  const answer = textOf(answerValue);
  if (answer === undefined || isBlank(answer)) return valueProblem('answer', answerValue, [answerKey], answerKey);
  out.shape = shape;
  out.question = question;
  out.answer = answer;
  out.context = contextField(record);
  out.contextSource = out.context === undefined ? undefined : 'field';
  return undefined;
}

/**
 * A `context` or `schema` field beside the question (a passage, a database schema): text as it
 * is, a structured value as JSON. Never an error: a seed without usable context is still a seed.
 */
function contextField(record: SeedRecord): string | undefined {
  for (const key of ['context', 'schema']) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const text = textOf(value) ?? (typeof value === 'object' ? JSON.stringify(value) : undefined);
    if (text !== undefined && !isBlank(text)) return text;
  }
  return undefined;
}

/** The chat's first system message, the context every later turn is read against. */
function systemMessage(turns: readonly unknown[]): string | undefined {
  const turn = turns.find((t) => roleOf(t) === 'system');
  const text = turn === undefined ? undefined : textOf(contentOf(turn));
  return text === undefined || isBlank(text) ? undefined : text;
}

function instruction(record: SeedRecord, out: Extracted, instructionValue: unknown): FieldProblem | undefined {
  const problem = pair(record, out, 'instruction-output', 'instruction', instructionValue, 'output');
  if (problem) return problem;
  const inputValue = record.input;
  if (inputValue === undefined || inputValue === null) return undefined;
  const input = textOf(inputValue);
  if (input === undefined) return valueProblem('question', inputValue, ['input'], 'input');
  // Alpaca's convention: the input is context for the instruction, after a blank line.
  if (!isBlank(input)) {
    out.question = `${out.question}\n\n${input}`;
    out.context = input;
    out.contextSource = 'input';
  }
  return undefined;
}

function roleOf(turn: unknown): unknown {
  return typeof turn === 'object' && turn !== null ? (turn as SeedRecord).role : undefined;
}

/** The last assistant turn and the last user turn before it, or -1. */
function chatTurns(turns: readonly unknown[]): { readonly user: number; readonly assistant: number } {
  let assistant = turns.length - 1;
  while (assistant >= 0 && roleOf(turns[assistant]) !== 'assistant') assistant--;
  let user = assistant - 1;
  while (user >= 0 && roleOf(turns[user]) !== 'user') user--;
  return { user, assistant };
}

function contentOf(turn: unknown): unknown {
  return (turn as SeedRecord).content;
}

function messages(out: Extracted, turns: unknown): FieldProblem | undefined {
  if (!Array.isArray(turns)) {
    return { code: 'invalid-question', message: 'question must be text: "messages" must be an array of {role, content} turns', path: ['messages'] };
  }
  const { user, assistant } = chatTurns(turns);
  if (assistant < 0) return { code: 'missing-answer', message: 'no answer: "messages" has no assistant turn', path: ['messages'] };
  if (user < 0) return { code: 'missing-question', message: 'no question: "messages" has no user turn before its last assistant turn', path: ['messages'] };
  const questionValue = contentOf(turns[user]);
  const question = textOf(questionValue);
  if (question === undefined || isBlank(question)) {
    return valueProblem('question', questionValue, ['messages', user, 'content'], `messages[${user}].content`);
  }
  const answerValue = contentOf(turns[assistant]);
  const answer = textOf(answerValue);
  if (answer === undefined || isBlank(answer)) {
    return valueProblem('answer', answerValue, ['messages', assistant, 'content'], `messages[${assistant}].content`);
  }
  out.shape = 'messages';
  out.question = question;
  out.answer = answer;
  out.context = systemMessage(turns);
  out.contextSource = out.context === undefined ? undefined : 'system';
  return undefined;
}

function noQuestion(record: SeedRecord): FieldProblem {
  const expected = (key: string, next: string) => ({
    code: 'missing-question' as const,
    message: `no question: expected ${key === 'instruction' ? 'an' : 'a'} "${key}" field next to "${next}"`,
    path: [],
  });
  if (record.answer !== undefined) {
    return { code: 'missing-question', message: 'no question: expected a "question" field (or instruction/prompt/messages)', path: [] };
  }
  if (record.output !== undefined) return expected('instruction', 'output');
  if (record.completion !== undefined) return expected('prompt', 'completion');
  const keys = Object.keys(record);
  const found = keys.length === 0
    ? 'the object is empty'
    : `found ${keys.slice(0, 6).map((key) => JSON.stringify(key)).join(', ')}${keys.length > 6 ? ', …' : ''}`;
  return { code: 'unknown-shape', message: `unknown shape: ${found}; expected ${SHAPE_LIST}`, path: [] };
}

export const detectedExtractor: SeedExtractor = {
  fields: undefined,
  extract(record, out) {
    let question = record.question;
    if (question !== undefined) return pair(record, out, 'question-answer', 'question', question, 'answer');
    question = record.instruction;
    if (question !== undefined) return instruction(record, out, question);
    question = record.prompt;
    if (question !== undefined) return pair(record, out, 'prompt-completion', 'prompt', question, 'completion');
    const turns = record.messages;
    if (turns !== undefined) return messages(out, turns);
    return noQuestion(record);
  },
  questionPath(record, shape): JSONPath {
    switch (shape) {
      case 'question-answer':
        return ['question'];
      case 'instruction-output':
        return ['instruction'];
      case 'prompt-completion':
        return ['prompt'];
      case 'messages':
        return ['messages', chatTurns(record.messages as readonly unknown[]).user, 'content'];
      case 'mapping':
        return [];
    }
  },
};
