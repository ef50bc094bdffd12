// Writes chain-of-thought answers that end with a GSM8K-style "#### <number>" line. The final
// number comes from the gold registry when the question is known; otherwise it is worked out
// from the question's own numbers so the reasoning reads like a model's, and stays deterministic.
import type { Rng } from './rng.ts';
import { hashString } from './rng.ts';
import { formatNumber, normalizeQuestion, numbersIn, toNumber } from './text.ts';

export interface Solution {
  final: string;
  /** Arithmetic sentences that really lead to `final` (empty when only the gold is known). */
  steps: string[];
}

/** Solves a question: the known gold if there is one, else a deterministic guess with its working. */
export function solve(question: string, gold: string | undefined): Solution {
  const derived = derive(question);
  if (gold === undefined) return derived;
  return derived.final === gold ? derived : { final: gold, steps: [] };
}

/** A final answer that is deliberately off, for wrongAnswerRate. */
export function wrongFinal(final: string, rng: Rng): string {
  const value = Number(final);
  const delta = rng.pick([-3, -2, -1, 1, 2, 3, 4, 10]);
  if (Number.isFinite(value)) return formatNumber(value + delta);
  return String(10 + (hashString(final) % 90));
}

function derive(question: string): Solution {
  const h = hashString(normalizeQuestion(question));
  const nums = numbersIn(question).map(toNumber).filter(Number.isFinite).slice(0, 3);
  const [a, b, c] = nums;
  if (a === undefined) return { final: String(10 + (h % 90)), steps: [] };
  if (b === undefined) {
    return a % 2 === 0 && h % 2 === 0
      ? { final: formatNumber(a / 2), steps: [`Half of ${a} is ${a} / 2 = ${formatNumber(a / 2)}.`] }
      : { final: formatNumber(a * 2), steps: [`Twice ${a} is ${a} * 2 = ${formatNumber(a * 2)}.`] };
  }
  // The question's wording picks the operation when it can, so the working reads as sensible;
  // the hash only breaks ties.
  const lower = question.toLowerCase();
  const op = /\b(each|per|times|every)\b/.test(lower)
    ? 1
    : /\b(left|remain|remaining|fewer|less|change|gave away|gives away|spent|spends|lost|loses)\b/.test(lower)
      ? 2
      : /\b(more|buys|bought|total|altogether|in all|combined|together|adds)\b/.test(lower)
        ? 0
        : h % 3;
  switch (op) {
    case 0: {
      const total = nums.reduce((s, x) => s + x, 0);
      return { final: formatNumber(total), steps: [`Adding the amounts gives ${nums.join(' + ')} = ${formatNumber(total)}.`] };
    }
    case 1: {
      const product = a * b;
      const steps = [`Multiplying gives ${a} * ${b} = ${formatNumber(product)}.`];
      if (c === undefined) return { final: formatNumber(product), steps };
      const end = product - c >= 0 ? product - c : product + c;
      const op = product - c >= 0 ? '-' : '+';
      steps.push(`Then ${formatNumber(product)} ${op} ${c} = ${formatNumber(end)}.`);
      return { final: formatNumber(end), steps };
    }
    default: {
      const hi = Math.max(a, b);
      const lo = Math.min(a, b);
      return { final: formatNumber(hi - lo), steps: [`The difference is ${hi} - ${lo} = ${formatNumber(hi - lo)}.`] };
    }
  }
}

const OPENERS_WITH_NUMBERS = [
  'The problem gives us {nums}.',
  "First, let's pick out the important numbers: {nums}.",
  'We start from the quantities in the problem: {nums}.',
];
const OPENERS = [
  "Let's work through this step by step.",
  'To find the answer, we follow each quantity in turn.',
  'We can solve this by reading the problem carefully.',
];
const GENERIC_MIDDLES = [
  'Applying the operations the problem describes to these amounts gives {final}.',
  'Combining these amounts as the question describes, we get {final}.',
  'Working through the arithmetic in order leads to {final}.',
  'Carrying out each step of the calculation, the result is {final}.',
];
const CLOSERS = ['So the answer is {final}.', 'Therefore, the final answer is {final}.', 'That means the answer is {final}.', ''];

/**
 * Renders 2–4 sentences of reasoning plus the "#### final" line. `rng` picks the wording, so
 * different samples of one question read differently while the final number stays put.
 * `withFinalLine: false` gives the malformed variant (no parseable final answer).
 */
export function renderAnswer(question: string, solution: Solution, rng: Rng, withFinalLine = true): string {
  const nums = numbersIn(question).slice(0, 4);
  const openers = nums.length > 0 ? [...OPENERS_WITH_NUMBERS, ...OPENERS] : OPENERS;
  const fill = (s: string): string => s.replace('{nums}', listOf(nums)).replace('{final}', solution.final);
  const sentences = [fill(rng.pick(openers))];
  if (solution.steps.length > 0) sentences.push(...solution.steps);
  else sentences.push(fill(rng.pick(GENERIC_MIDDLES)));
  const closer = fill(rng.pick(CLOSERS));
  if (closer !== '' && sentences.length < 4) sentences.push(closer);
  const body = sentences.join(' ');
  return withFinalLine ? `${body}\n#### ${solution.final}` : body;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
