// What the teacher "knows": question → gold final answer. Tests teach it seed pairs; the server
// teaches it every question it writes itself (rephrasings keep their source's gold, invented
// questions carry the answer they were built with), so answers to its own output come back right.
import { finalAnswerOf, normalizeQuestion } from './text.ts';

export interface GoldPair {
  question: string;
  /** A GSM8K-style answer ("... #### 72"), a bare final answer, or a number. */
  answer: string | number;
}

export class GoldRegistry {
  readonly #gold = new Map<string, string>();

  /** Records pairs; a later pair for the same question wins. Returns how many were recorded. */
  learn(pairs: readonly GoldPair[]): number {
    for (const pair of pairs) this.#gold.set(normalizeQuestion(pair.question), finalAnswerOf(pair.answer));
    return pairs.length;
  }

  lookup(question: string): string | undefined {
    return this.#gold.get(normalizeQuestion(question));
  }

  get size(): number {
    return this.#gold.size;
  }

  clear(): void {
    this.#gold.clear();
  }
}

/** Validates pairs from an untrusted source (the admin endpoint). */
export function parseGoldPairs(input: unknown): GoldPair[] {
  const list = Array.isArray(input)
    ? input
    : typeof input === 'object' && input !== null && Array.isArray((input as { pairs?: unknown }).pairs)
      ? (input as { pairs: unknown[] }).pairs
      : undefined;
  if (list === undefined) throw new Error('expected an array of {question, answer} or {"pairs": [...]}');
  return list.map((item, i) => {
    const q = (item as { question?: unknown } | null)?.question;
    const a = (item as { answer?: unknown } | null)?.answer;
    if (typeof q !== 'string' || q.trim() === '' || (typeof a !== 'string' && typeof a !== 'number')) {
      throw new Error(`pair ${i}: needs a non-empty string "question" and a string or number "answer"`);
    }
    return { question: q, answer: a };
  });
}
