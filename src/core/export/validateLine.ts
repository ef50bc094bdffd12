// One validator per format, run on every line before anything is written: the exported file is
// what a fine-tuning job will reject or, worse, silently mis-train on. Strict on purpose: exactly
// the format's keys, text where text belongs, no empty turns, turns in a valid order.
import type { ExportFormat } from './formats.ts';

type Rec = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function keysProblem(value: Rec, expected: readonly string[]): string | null {
  const keys = Object.keys(value);
  const missing = expected.filter((k) => !keys.includes(k));
  const extra = keys.filter((k) => !expected.includes(k));
  if (missing.length > 0) return `missing ${missing.map((k) => `"${k}"`).join(', ')}`;
  if (extra.length > 0) return `unexpected ${extra.map((k) => `"${k}"`).join(', ')}`;
  return null;
}

/**
 * Turns: an optional system turn, then user/assistant alternating from the user, ending with
 * the assistant (the turn the model learns to write).
 */
function turnsProblem(turns: unknown, roleKey: string, textKey: string, roles: { system: string; user: string; assistant: string }): string | null {
  if (!Array.isArray(turns)) return 'the turns must be a list';
  let i = 0;
  for (const turn of turns) {
    if (!isRecord(turn)) return `turn ${i + 1} is not an object`;
    const problem = keysProblem(turn, [roleKey, textKey]);
    if (problem) return `turn ${i + 1}: ${problem}`;
    if (!isText(turn[textKey])) return `turn ${i + 1}: "${textKey}" must be non-empty text`;
    i += 1;
  }
  const sequence = turns.map((t) => (t as Rec)[roleKey]);
  const body = sequence[0] === roles.system ? sequence.slice(1) : sequence;
  if (body.length < 2) return `needs a ${roles.user} turn and an ${roles.assistant} turn`;
  for (const [j, role] of body.entries()) {
    const want = j % 2 === 0 ? roles.user : roles.assistant;
    if (role !== want) return `turn ${j + 1 + (sequence.length - body.length)} should be "${want}", not ${JSON.stringify(role)}`;
  }
  if (body.length % 2 !== 0) return `the last turn must be "${roles.assistant}"`;
  return null;
}

/** Null when `line` is one valid record of `format`, else what is wrong with it. */
export function lineProblem(format: ExportFormat, line: string): string | null {
  if (line.includes('\n') || line.includes('\r')) return 'a record must be on one line';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!isRecord(value)) return 'not a JSON object';
  switch (format) {
    case 'openai-chat':
      return keysProblem(value, ['messages']) ?? turnsProblem(value['messages'], 'role', 'content', { system: 'system', user: 'user', assistant: 'assistant' });
    case 'sharegpt':
      return keysProblem(value, ['conversations']) ?? turnsProblem(value['conversations'], 'from', 'value', { system: 'system', user: 'human', assistant: 'gpt' });
    case 'alpaca': {
      const problem = keysProblem(value, ['instruction', 'input', 'output']);
      if (problem) return problem;
      if (!isText(value['instruction'])) return '"instruction" must be non-empty text';
      if (typeof value['input'] !== 'string') return '"input" must be text (may be empty)';
      return isText(value['output']) ? null : '"output" must be non-empty text';
    }
    case 'qa': {
      const problem = keysProblem(value, ['question', 'answer']);
      if (problem) return problem;
      if (!isText(value['question'])) return '"question" must be non-empty text';
      return isText(value['answer']) ? null : '"answer" must be non-empty text';
    }
  }
}
