// Reads what a request asks for, following the contract in README.md: the task name, the
// question the task is about, how many items to write, and a stable hash of the prompt.
import type { ChatRequest } from './protocol.ts';
import type { FewShotExample } from './fewShot.ts';
import { readExamples } from './fewShot.ts';
import { hashParts } from './rng.ts';

export type TaskName = 'answer' | 'rephrase' | 'new_questions' | 'self_check';

const TASKS: readonly TaskName[] = ['answer', 'rephrase', 'new_questions', 'self_check'];

/** Counts above this are capped: a real model would not write hundreds of items in one reply. */
export const MAX_COUNT = 20;

export interface PromptView {
  task: TaskName;
  /** The question to answer / rephrase / check ("" when the task has none). */
  question: string;
  /** Items to write for rephrase and new_questions (1..MAX_COUNT). */
  count: number;
  /** Hash of the model and every message: the identity of "the same prompt". */
  promptHash: number;
  /** Few-shot examples before the question (answer prompts), in order. */
  examples: FewShotExample[];
  /** The "Context:" block right before the question (or, in a new-question prompt, after the examples), "" when there is none. */
  context: string;
}

export function readPrompt(request: ChatRequest): PromptView {
  const system = request.messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => m.content)
    .join('\n');
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return {
    task: chooseTask(request, system),
    question: extractQuestion(lastUser),
    count: extractCount(lastUser) ?? extractCount(system) ?? 1,
    promptHash: hashParts(request.model, ...request.messages.flatMap((m) => [m.role, m.content])),
    examples: readExamples(lastUser),
    context: contextBeforeQuestion(lastUser) || contextAfterExamples(lastUser),
  };
}

/** The context block that ends right before the last "Question:" line. */
export function contextBeforeQuestion(message: string): string {
  const text = message.replace(/\r\n?/g, '\n');
  const before = text.slice(0, Math.max(0, text.lastIndexOf('Question:')));
  const start = before.lastIndexOf('Context:\n');
  if (start < 0) return '';
  const block = before.slice(start + 'Context:\n'.length);
  return /\n\n$/.test(block) && !/^Example \d+$/m.test(block) ? block.trim() : '';
}

/** A new-question prompt's context: the "Context:" block after the last example, up to a blank line. */
export function contextAfterExamples(message: string): string {
  const text = message.replace(/\r\n?/g, '\n');
  const after = text.slice(Math.max(0, text.lastIndexOf('\nAnswer: ')));
  return /\nContext:\n([\s\S]*?)(?=\n\n|$)/.exec(after)?.[1]?.trim() ?? '';
}

function asTask(name: string): TaskName | undefined {
  const normalized = name.trim().toLowerCase().replace(/[-\s]+/g, '_');
  return TASKS.find((t) => t === normalized);
}

function chooseTask(request: ChatRequest, system: string): TaskName {
  if (request.responseFormat.type === 'json_schema') {
    const fromSchema = asTask(request.responseFormat.name);
    if (fromSchema) return fromSchema;
  }
  const marker = /^\s*Task:\s*([A-Za-z_-]+)\s*$/m.exec(system);
  return (marker && asTask(marker[1]!)) || 'answer';
}

/**
 * The text after the last line starting with "Question:", up to a blank line or the next
 * "Label:" line; without a marker, the whole message minus Count/Task lines.
 */
export function extractQuestion(message: string): string {
  const lines = message.replace(/\r\n?/g, '\n').split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*Question:/i.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    return lines
      .filter((l) => !/^\s*(Count|Task):/i.test(l))
      .join('\n')
      .trim();
  }
  const taken = [lines[start]!.replace(/^\s*Question:\s*/i, '')];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || /^\s*[A-Z][A-Za-z ]{0,30}:(\s|$)/.test(line)) break;
    taken.push(line);
  }
  return taken.join(' ').replace(/\s+/g, ' ').trim();
}

function extractCount(text: string): number | undefined {
  const m = /^\s*Count:\s*(\d+)\s*$/im.exec(text);
  if (!m) return undefined;
  return Math.min(MAX_COUNT, Math.max(1, Number(m[1])));
}
