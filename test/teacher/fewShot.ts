// Reads the few-shot examples an answer prompt shows ("Example N" / "Question:" / "Answer:"
// blocks before the question asked) and the shape of their answers, so the teacher answers in
// that shape, as a real model following the examples does. The shape is judged here on its own
// (not with SeedSmith's profile code), so a wrong prompt cannot be hidden by shared code.

export type ExampleKind = 'numeric' | 'label' | 'json' | 'sql' | 'code' | 'text';

export interface FewShotExample {
  question: string;
  answer: string;
}

export interface AnswerShape {
  kind: ExampleKind;
  /** numeric: the final-answer marker the examples use ('none': a bare number). */
  marker?: '####' | 'boxed' | 'answer-is' | 'none';
  /** label: the distinct labels shown. */
  labels?: string[];
  /** json: the keys of the first example object. */
  keys?: string[];
  /** code: the fence language. */
  language?: string;
  /** text: the examples' word counts. */
  words?: { min: number; max: number };
}

/** The examples of the last user message, in order; [] when it shows none. */
export function readExamples(message: string): FewShotExample[] {
  const text = message.replace(/\r\n?/g, '\n');
  const parts = text.split(/^Example \d+\n/m).slice(1);
  return parts.flatMap((part) => {
    const q = /^Question: ([\s\S]*?)\nAnswer: /m.exec(part);
    if (!q) return [];
    let answer = part.slice((q.index ?? 0) + q[0].length);
    // The last example's answer ends where the question asked begins (after a blank line).
    const end = /\n\n(?=(Context:|Question:|Now |Examples? |The question|Every |Each |Write \d|Write as many ))/.exec(answer);
    if (end) answer = answer.slice(0, end.index);
    return [{ question: q[1]!.trim(), answer: answer.trim() }];
  });
}

const SQL_OPENING = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

export function shapeOf(examples: readonly FewShotExample[]): AnswerShape | null {
  if (examples.length === 0) return null;
  const answers = examples.map((e) => e.answer);
  const all = (test: (a: string) => boolean) => answers.every(test);
  if (all((a) => isJsonObject(a))) return { kind: 'json', keys: Object.keys(JSON.parse(answers[0]!) as object) };
  if (all((a) => /^```/.test(a.trim()))) {
    const language = /^```(\w*)/.exec(answers[0]!.trim())?.[1] ?? '';
    if (language.toLowerCase() === 'sql') return { kind: 'sql' };
    return { kind: 'code', language };
  }
  if (all((a) => SQL_OPENING.test(a))) return { kind: 'sql' };
  if (all((a) => /^####\s*\S/m.test(a))) return { kind: 'numeric', marker: '####' };
  if (all((a) => a.includes('\\boxed{'))) return { kind: 'numeric', marker: 'boxed' };
  if (all((a) => /answer is/i.test(a))) return { kind: 'numeric', marker: 'answer-is' };
  if (all((a) => /^-?\d[\d,]*(\.\d+)?$/.test(a.trim()))) return { kind: 'numeric', marker: 'none' };
  const words = answers.map((a) => a.split(/\s+/).filter(Boolean).length);
  if (Math.max(...words) <= 3) return { kind: 'label', labels: [...new Set(answers.map((a) => a.trim()))] };
  return { kind: 'text', words: { min: Math.min(...words), max: Math.max(...words) } };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
