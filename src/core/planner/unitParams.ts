// The `params` of each strategy's work units: written by the planner, read (and checked) by the
// strategy that runs the unit. Units may come back from a journal, so reading validates. Type
// aliases, not interfaces: they must fit WorkUnit.params' index signature.
import type { AcceptedExample, WorkUnit } from '../strategies/strategy.ts';

export type AnswerAugmentationParams = {
  /** Which answer to this seed (0, 1, …): also the sampling seed. */
  readonly round: number;
  readonly samplingSeed: number;
};

export type QuestionRephraseParams = {
  readonly round: number;
  /** Rephrasings to ask for (the tail of a plan may ask for fewer than questionsPerCall). */
  readonly count: number;
  /** The augmenter's sampling seed: a new round asks a new request, not the cached one. */
  readonly samplingSeed: number;
};

export type NewQuestionParams = {
  readonly index: number;
  readonly count: number;
  readonly samplingSeed: number;
  /** Accepted synthetic samples shown after the seeds (unit.seeds). */
  readonly examples: readonly AcceptedExample[];
};

export function readAnswerAugmentationParams(unit: WorkUnit): AnswerAugmentationParams {
  const p = unit.params;
  return { round: wholeNumber(unit, p.round, 'round'), samplingSeed: wholeNumber(unit, p.samplingSeed, 'samplingSeed') };
}

export function readQuestionRephraseParams(unit: WorkUnit): QuestionRephraseParams {
  const p = unit.params;
  return {
    round: wholeNumber(unit, p.round, 'round'),
    count: positive(unit, p.count, 'count'),
    samplingSeed: wholeNumber(unit, p.samplingSeed, 'samplingSeed'),
  };
}

export function readNewQuestionParams(unit: WorkUnit): NewQuestionParams {
  const p = unit.params;
  const examples = p.examples ?? [];
  if (!Array.isArray(examples) || !examples.every(isAcceptedExample)) throw badParams(unit, 'examples', 'a list of {id, question, answer}');
  return {
    index: wholeNumber(unit, p.index, 'index'),
    count: positive(unit, p.count, 'count'),
    samplingSeed: wholeNumber(unit, p.samplingSeed, 'samplingSeed'),
    examples,
  };
}

function isAcceptedExample(value: unknown): value is AcceptedExample {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.question === 'string' && typeof v.answer === 'string';
}

function wholeNumber(unit: WorkUnit, value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badParams(unit, name, 'a whole number');
  return value;
}

function positive(unit: WorkUnit, value: unknown, name: string): number {
  const n = wholeNumber(unit, value, name);
  if (n < 1) throw badParams(unit, name, 'at least 1');
  return n;
}

function badParams(unit: WorkUnit, name: string, expected: string): Error {
  return new Error(`Work unit ${unit.key}: params.${name} must be ${expected}.`);
}
