// Answers of the shape the few-shot examples show (fewShot.ts), for the kinds that are not a
// worked number: a label, a JSON object, a SQL query, a code block, a sentence or two. Each is
// deterministic from the question and the sample's rng. `wrongShape` writes what a model that
// ignored the format would: prose around the answer, or prose instead of it.
import type { AnswerShape } from './fewShot.ts';
import type { Rng } from './rng.ts';
import { hashString } from './rng.ts';
import { numbersIn } from './text.ts';

const WORDS = /[A-Za-z]{3,}/g;

export function kindAnswer(shape: AnswerShape, question: string, context: string, rng: Rng, wrongShape: boolean): string {
  const topic = (question.match(WORDS) ?? ['item']).slice(-3);
  switch (shape.kind) {
    case 'label': {
      const labels = shape.labels ?? ['yes'];
      const label = labels[hashString(question) % labels.length]!;
      return wrongShape ? `Looking at the text, I would say the answer is probably ${label}, because of its wording.` : label;
    }
    case 'json': {
      const value: Record<string, unknown> = {};
      const numbers = numbersIn(question);
      for (const [i, key] of (shape.keys ?? ['value']).entries()) value[key] = /age|count|number|year|id/i.test(key) ? Number(numbers[i % Math.max(1, numbers.length)] ?? i) : (topic[i % topic.length] ?? key);
      return wrongShape ? `Here is the extracted record: ${Object.entries(value).map(([k, v]) => `${k} is ${String(v)}`).join(', ')}.` : JSON.stringify(value);
    }
    case 'sql': {
      const table = /CREATE TABLE (\w+)/i.exec(context)?.[1] ?? 'items';
      const query = rng.next() < 0.5 ? `SELECT count(*) FROM ${table}` : `SELECT * FROM ${table} LIMIT ${1 + (hashString(question) % 5)}`;
      return wrongShape ? `To answer this we count the rows of ${table}. The query counts them.\n#### 3` : query;
    }
    case 'code': {
      const language = shape.language ?? '';
      const name = (topic[topic.length - 1] ?? 'solve').toLowerCase();
      const body = language === 'python' || language === '' ? `def ${name}(x):\n    return x` : `function ${name}(x) {\n  return x;\n}`;
      return wrongShape ? `You can write a function called ${name} that returns its argument unchanged.` : `\`\`\`${language}\n${body}\n\`\`\``;
    }
    case 'text': {
      const words = shape.words ?? { min: 8, max: 20 };
      const sentence = `The ${topic.join(' and the ')} were all part of an ordinary day that ended well for everyone involved`;
      const target = Math.max(words.min, Math.min(words.max, sentence.split(' ').length));
      const text = `${sentence.split(' ').slice(0, target).join(' ')}.`;
      return wrongShape ? 'Yes.' : text;
    }
    case 'numeric':
      throw new Error('numeric answers are written by answerWriter.ts');
  }
}
